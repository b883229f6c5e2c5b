"""The demo clinic's billing: invoices, receipts, credit notes, refunds and vouchers that add up, numbered as the app
numbers them, and the billing services working on top of them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from app.auth.actor import Actor
from app.clock import clock
from app.config import get_settings
from app.demo.billing import money
from app.money import format_money
from app.services import invoices, payments
from app.services.billing_math import LineTerms, work_out
from app.services.document_numbers import Series, financial_year, take_number
from app.services.invoices import LineInput, status_after
from app.services.payments import PaymentInput, patient_ledger
from models.accounts import Role, User
from models.billing import Invoice, InvoiceStatus
from models.clinic import Branch
from models.patients import Patient
from tests.test_cli import cli_env, prospine
from tests.test_demo_data import TODAY, copy_of, count, database, demo, opened, query

DAYS = 260  # long enough for dues of every age and for a financial year to turn (1 April)
MARKS = {'invoice': '', 'credit-note': 'C', 'receipt': 'R', 'refund': 'F', 'expense': 'V'}
NUMBER = re.compile(r'^(?P<code>[A-Z0-9]{1,3})(?P<mark>[CRFV]?)/(?P<year>\d\d-\d\d)/(?P<serial>\d{5,})$')


@pytest.fixture(scope='module')
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shrunken large clinic: 400 patients over 200 days, billed."""
    data_dir = tmp_path_factory.mktemp('billing') / 'data'
    result = demo(data_dir, '--scale', 'large', '--patients', '400', '--days', str(DAYS), '--seed', '3')
    assert result.returncode == 0, result.stderr
    for table in ('invoice', 'invoice line', 'payment', 'payment allocation', 'expense', 'price item'):
        assert re.search(rf'^  {table}: [\d,]+$', result.stdout, re.MULTILINE), (table, result.stdout)
    return data_dir


def rows(data_dir: Path, sql: str) -> list[tuple]:
    return query(database(data_dir), sql)


def paise(text: object) -> Decimal:
    return Decimal(str(text)).quantize(Decimal('0.01'))


def test_every_part_of_billing_is_there(clinic: Path) -> None:
    kinds = dict(rows(clinic, 'SELECT kind, COUNT(*) FROM invoice GROUP BY kind'))
    assert kinds['invoice'] > 1000 and 5 <= kinds['credit-note'] < 0.05 * kinds['invoice'], kinds
    statuses = {status for (status,) in rows(clinic, "SELECT DISTINCT status FROM invoice WHERE kind = 'invoice'")}
    assert statuses == {'issued', 'partly-paid', 'paid', 'cancelled'}, statuses
    assert count(clinic, 'invoice', "status = 'draft'") == 0
    payment_kinds = dict(rows(clinic, 'SELECT kind, COUNT(*) FROM payment GROUP BY kind'))
    assert payment_kinds['receipt'] > 1000 and 1 <= payment_kinds['refund'] < 0.02 * payment_kinds['receipt']
    assert {mode for (mode,) in rows(clinic, 'SELECT DISTINCT mode FROM payment')} >= {'cash', 'card', 'upi'}
    lines = rows(clinic, 'SELECT COUNT(registration_id), COUNT(appointment_id), COUNT(diagnostic_test_id), '
                         'COUNT(price_item_id) FROM invoice_line')[0]
    assert all(lines), lines
    assert count(clinic, 'invoice', "kind = 'invoice' AND plan_id IS NOT NULL") > 0
    taxed = rows(clinic, "SELECT l.tax_rate, l.sac, l.tax, i.cgst, i.sgst FROM invoice_line l "
                         "JOIN invoice i ON i.id = l.invoice_id WHERE i.kind = 'invoice' AND l.tax_rate + 0 > 0")
    assert taxed and all(paise(rate) == 5 and sac == '9021' and paise(tax) > 0 and paise(cgst) == paise(sgst)
                         for rate, sac, tax, cgst, sgst in taxed)
    assert count(clinic, 'price_item') == 2 * count(clinic, 'price_item', 'branch_id = 1')
    branches = rows(clinic, 'SELECT document_code, upi_id, daily_expense_budget FROM branch ORDER BY id')
    assert [code for code, _, _ in branches] == ['KOR', 'JAY']
    assert all(upi and paise(budget) > 0 for _, upi, budget in branches)
    expenses = dict(rows(clinic, 'SELECT status, COUNT(*) FROM expense GROUP BY status'))
    assert set(expenses) >= {'paid', 'rejected'} and expenses['paid'] > 0.8 * sum(expenses.values()), expenses
    assert {purpose for (purpose,) in rows(clinic, 'SELECT DISTINCT purpose FROM expense')} >= {
        'Rent', 'Electricity', 'Tea and snacks', 'Clinical supplies'}
    weeks = DAYS / 7
    assert 2 * weeks < count(clinic, 'expense') < 2 * 12 * weeks  # a few per branch a week
    assert count(clinic, 'expense', "status IN ('approved', 'paid', 'rejected') AND decided_by_id NOT IN "
                                    "(SELECT id FROM user_account WHERE role = 'admin')") == 0


def test_invoices_add_up_to_their_lines_payments_and_credit_notes(clinic: Path) -> None:
    lines: dict[str, list[tuple]] = defaultdict(list)
    for row in rows(clinic, 'SELECT invoice_id, position, quantity, unit_price, line_discount, tax_rate, '
                            'shared_discount, taxable_value, tax, amount FROM invoice_line '
                            'ORDER BY invoice_id, position'):
        lines[row[0]].append(row[1:])
    allocated: Counter[str] = Counter()
    for invoice_id, amount in rows(clinic, 'SELECT invoice_id, amount FROM payment_allocation'):
        allocated[invoice_id] += paise(amount)
    credited: Counter[str] = Counter()
    for credit_of, total in rows(clinic, "SELECT credit_of_id, total FROM invoice WHERE kind = 'credit-note'"):
        credited[credit_of] += paise(total)
    invoices_ = rows(clinic, "SELECT id, status, gross, discount, taxable_value, cgst, sgst, igst, total, paid, "
                             "credited FROM invoice WHERE kind = 'invoice'")
    for invoice_id, status, *figures in invoices_:
        gross, discount, taxable, cgst, sgst, igst, total, paid, credit = map(paise, figures)
        own = lines[invoice_id]
        assert [position for position, *_ in own] == list(range(1, len(own) + 1)), invoice_id
        worked = work_out([LineTerms(quantity=paise(quantity), unit_price=paise(price), line_discount=paise(off),
                                     tax_rate=paise(rate)) for _, quantity, price, off, rate, *_ in own])
        assert (worked.gross, worked.discount, worked.taxable_value, worked.cgst, worked.sgst, worked.igst,
                worked.total) == (gross, discount, taxable, cgst, sgst, igst, total), invoice_id
        for (_, _, _, _, _, shared, line_taxable, tax, amount), line in zip(own, worked.lines, strict=True):
            assert (paise(shared), paise(line_taxable), paise(tax), paise(amount)) == (
                line.shared_discount, line.taxable_value, line.tax, line.amount), invoice_id
        assert allocated[invoice_id] == paid and credited[invoice_id] == credit, invoice_id
        assert paid >= 0 and credit >= 0 and paid + credit <= total, invoice_id
        assert status == status_after(total=total, paid=paid, credited=credit), invoice_id
    notes = rows(clinic, "SELECT n.total, n.taxable_value, n.cgst, n.sgst, n.igst, n.reason, n.status, n.issued_on, "
                         "i.total, i.issued_on, l.description, i.number FROM invoice n JOIN invoice i "
                         "ON i.id = n.credit_of_id JOIN invoice_line l ON l.invoice_id = n.id "
                         "WHERE n.kind = 'credit-note'")
    assert notes and count(clinic, 'invoice', "kind = 'credit-note' AND credit_of_id IS NULL") == 0
    for total, taxable, cgst, sgst, igst, reason, status, issued_on, of_total, of_issued, description, of in notes:
        assert status == 'issued' and reason and issued_on >= of_issued
        assert 0 < paise(total) <= paise(of_total)
        assert paise(taxable) + paise(cgst) + paise(sgst) + paise(igst) == paise(total)
        assert description.startswith(f'Credit against {of}: ')


def test_the_daily_tax_sums_are_those_of_the_issued_lines(clinic: Path) -> None:
    """Python adds the lines up here, the tax summary reads `tax_day`: the same sums per day, code, rate and kind."""
    expected: Counter[tuple] = Counter()
    for branch, day, sac, rate, kind, taxable, tax in rows(
            clinic, 'SELECT i.branch_id, i.issued_on, l.sac, l.tax_rate, i.kind, l.taxable_value, l.tax '
                    "FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.status <> 'draft'"):
        key = (branch, day, sac, paise(rate), kind)
        expected[(*key, 'taxable')] += int(paise(taxable) * 100)
        expected[(*key, 'tax')] += int(paise(tax) * 100)
    kept: Counter[tuple] = Counter()
    for branch, day, sac, rate, kind, taxable, tax in rows(
            clinic, 'SELECT branch_id, day, sac, tax_rate, kind, taxable_paise, tax_paise FROM tax_day'):
        kept[(branch, day, sac, paise(rate), kind, 'taxable')] += taxable
        kept[(branch, day, sac, paise(rate), kind, 'tax')] += tax
    assert len(expected) > 20 and +kept == +expected


def test_receipts_pay_what_they_say_and_credit_is_never_negative(clinic: Path) -> None:
    allocations: Counter[str] = Counter()
    for payment_id, amount in rows(clinic, 'SELECT payment_id, amount FROM payment_allocation'):
        assert paise(amount) >= 0
        allocations[payment_id] += paise(amount)
    for payment_id, kind, amount, allocated, reason, approved, mode, reference in rows(
            clinic, 'SELECT p.id, p.kind, p.amount, p.allocated, p.reason, u.role, p.mode, p.reference FROM payment p '
                    'LEFT JOIN user_account u ON u.id = p.approved_by_id'):
        assert paise(amount) > 0
        assert paise(allocated) == allocations[payment_id] and paise(allocated) <= paise(amount), payment_id
        if kind == 'refund':
            assert paise(allocated) == 0 and reason and approved == 'admin'
        if mode in ('cheque', 'bank-transfer'):
            assert reference, payment_id
    # what was paid and credited: receipts not applied are credit, less what was refunded
    credit: Counter[str] = Counter()
    for patient_id, kind, amount, allocated in rows(clinic, 'SELECT patient_id, kind, amount, allocated FROM payment'):
        credit[patient_id] += paise(amount) - paise(allocated) if kind == 'receipt' else -paise(amount)
    assert min(credit.values()) >= 0 and sum(credit.values()) > 0


def test_numbers_are_consecutive_per_series_and_the_serials_end_at_the_last(clinic: Path) -> None:
    documents = [(number, 'credit-note' if kind == 'credit-note' else 'invoice', branch_id, year, serial, moment)
                 for number, kind, branch_id, year, serial, moment in rows(
                     clinic, 'SELECT number, kind, branch_id, financial_year, serial, issued_at FROM invoice')]
    documents += [(number, kind, branch_id, None, None, moment) for number, kind, branch_id, moment in rows(
        clinic, 'SELECT number, kind, branch_id, received_at FROM payment')]
    documents += [(number, 'expense', branch_id, None, None, moment) for number, branch_id, moment in rows(
        clinic, 'SELECT number, branch_id, created_at FROM expense')]
    codes = dict(rows(clinic, 'SELECT id, document_code FROM branch'))
    series: dict[tuple[int, str, str], list[tuple[str, int]]] = defaultdict(list)
    for number, kind, branch_id, year, serial, moment in documents:
        match = NUMBER.match(number)
        assert match and match['code'] == codes[branch_id] and match['mark'] == MARKS[kind], number
        assert year in (None, match['year']) and serial in (None, int(match['serial'])), number
        day = datetime.fromisoformat(moment).astimezone(get_settings().tz).date()
        assert match['year'] == financial_year(day), (number, moment)
        series[(branch_id, kind, match['year'])].append((moment, int(match['serial'])))
    assert len({year for _, _, year in series}) == 2  # the history crosses 1 April
    saved = {(branch_id, kind, year): serial for branch_id, kind, year, serial in rows(
        clinic, 'SELECT branch_id, series, financial_year, serial FROM document_serial')}
    assert set(saved) == set(series)
    for key, found in series.items():
        serials = [serial for _, serial in sorted(found)]  # in time order
        assert serials == list(range(1, len(found) + 1)), key
        assert saved[key] == len(found), key


def test_every_consultation_plan_and_session_is_billed_once(clinic: Path) -> None:
    live = "i.kind = 'invoice' AND i.status != 'cancelled'"
    billed = Counter(registration_id for (registration_id,) in rows(
        clinic, f'SELECT l.registration_id FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id '
                f'WHERE l.registration_id IS NOT NULL AND {live}'))
    consulted = rows(clinic, "SELECT id, fee, payment_method FROM registration WHERE status = 'consulted' "
                             'AND cancelled_at IS NULL')
    assert consulted and set(billed) == {registration_id for registration_id, _, _ in consulted}
    assert set(billed.values()) == {1}
    fees = rows(clinic, "SELECT r.fee, l.unit_price, r.payment_method, r.visit_at, i.issued_at, i.id, i.total, "
                        "i.status FROM registration r JOIN invoice_line l ON l.registration_id = r.id "
                        "JOIN invoice i ON i.id = l.invoice_id")
    receipts = {invoice_id: (mode, received_at) for invoice_id, mode, received_at in rows(
        clinic, "SELECT a.invoice_id, p.mode, p.received_at FROM payment_allocation a JOIN payment p "
                "ON p.id = a.payment_id WHERE p.kind = 'receipt'")}
    for fee, price, method, visit_at, issued_at, invoice_id, total, status in fees:
        assert paise(fee) == paise(price)
        assert timedelta(0) < datetime.fromisoformat(issued_at) - datetime.fromisoformat(visit_at) < timedelta(hours=1)
        if paise(fee) > 0:  # paid in full as the patient registered, as the registration says
            mode, received_at = receipts[invoice_id]
            assert mode == method and received_at > issued_at and received_at[:10] == issued_at[:10]
        else:  # a review visit of a prepaid plan, billed at nothing
            assert paise(total) == 0 and status == 'paid' and invoice_id not in receipts
    sessions = rows(clinic, f'SELECT l.appointment_id, a.status, p.plan_type FROM invoice_line l '
                            f'JOIN invoice i ON i.id = l.invoice_id JOIN appointment a ON a.id = l.appointment_id '
                            f'LEFT JOIN treatment_plan p ON p.id = a.plan_id WHERE {live}')
    assert sessions and all(status == 'completed' and plan_type in (None, 'daily') for _, status, plan_type in sessions)
    assert len({appointment_id for appointment_id, _, _ in sessions}) == len(sessions)
    plans = Counter(plan_id for (plan_id,) in rows(clinic, f'SELECT plan_id FROM invoice i WHERE plan_id IS NOT NULL '
                                                           f'AND {live}'))
    prepaid = {plan_id for (plan_id,) in rows(clinic, "SELECT id FROM treatment_plan WHERE plan_type != 'daily'")}
    assert set(plans) == prepaid and set(plans.values()) == {1}
    tests = {test_id for (test_id,) in rows(clinic, "SELECT id FROM diagnostic_test WHERE status = 'done'")}
    assert {test_id for (test_id,) in rows(clinic, 'SELECT diagnostic_test_id FROM invoice_line '
                                                   'WHERE diagnostic_test_id IS NOT NULL')} == tests


def test_the_dues_have_every_age_and_are_a_few_percent(clinic: Path) -> None:
    today = date.fromisoformat(TODAY)
    ages = Counter()
    owing = rows(clinic, "SELECT issued_on, total, paid, credited FROM invoice WHERE kind = 'invoice' "
                         "AND status IN ('issued', 'partly-paid')")
    for issued_on, total, paid, credited in owing:
        assert paise(total) - paise(paid) - paise(credited) > 0
        age = (today - date.fromisoformat(issued_on)).days
        ages[0 if age <= 30 else 31 if age <= 60 else 61 if age <= 90 else 91] += 1
    assert set(ages) == {0, 31, 61, 91}, ages
    assert 0.01 < len(owing) / count(clinic, 'invoice', "kind = 'invoice'") < 0.08


def test_every_past_day_that_took_money_is_closed_with_what_it_took(clinic: Path) -> None:
    takings: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for branch_id, day, kind, mode, amount in rows(clinic, 'SELECT branch_id, day, kind, mode, amount FROM payment'):
        signed = -paise(amount) if kind == 'refund' else paise(amount)
        taken = takings[(branch_id, str(day)[:10])]
        taken[0] += signed
        taken[1] += signed if mode == 'cash' else 0
    closings = {(branch_id, str(day)[:10]): (paise(collected), paise(expected), paise(counted), note, by)
                for branch_id, day, collected, expected, counted, note, by in rows(
                    clinic, 'SELECT c.branch_id, c.day, c.collected, c.cash_expected, c.cash_counted, c.note, u.role '
                            'FROM day_closing c JOIN user_account u ON u.id = c.closed_by_id')}
    assert set(closings) == {key for key in takings if key[1] < TODAY}  # the reference day is still open
    off = 0
    for key, (collected, expected, counted, note, role) in closings.items():
        assert (collected, expected) == tuple(takings[key]), key
        assert role in ('reception', 'admin')
        if counted != expected:
            off += 1
            assert note and abs(counted - expected) <= 100, (key, counted, expected, note)
    assert 0.01 < off / len(closings) < 0.12, (off, len(closings))
    detail = rows(clinic, "SELECT detail FROM audit_event WHERE entity_type = 'day-closing' LIMIT 1")[0][0]
    assert re.fullmatch(r'Closed \d\d \w{3} \d{4}: collected ₹[\d,.]+ \(.+\); cash counted ₹[\d,.]+, '
                        r'expected ₹[\d,.]+(; .+)?', detail), detail


def test_billing_events_are_in_the_chain_and_it_verifies(clinic: Path) -> None:
    events = dict(rows(clinic, "SELECT entity_type || ' ' || action, COUNT(*) FROM audit_event "
                               "WHERE entity_type IN ('invoice', 'payment', 'expense', 'day-closing') GROUP BY 1"))
    assert events['invoice update'] == count(clinic, 'invoice', "kind = 'invoice'")  # each issued
    assert events['invoice create'] == count(clinic, 'invoice', "kind = 'credit-note'")
    assert events['payment create'] == count(clinic, 'payment')
    assert events['expense create'] == count(clinic, 'expense')
    assert events['day-closing create'] == count(clinic, 'day_closing')
    issued = rows(clinic, "SELECT e.detail, e.changes, i.number, i.total FROM audit_event e JOIN invoice i "
                          "ON i.id = e.entity_id WHERE e.entity_type = 'invoice' AND e.action = 'update' LIMIT 50")
    for detail, changes, number, total in issued:
        assert detail == f'Issued {number}: {format_money(paise(total))}' and number in changes
    result = prospine('audit', 'verify', env=cli_env(clinic))
    assert result.returncode == 0, result.stderr
    assert f'{count(clinic, "audit_event"):,} events checked' in result.stdout


def test_the_remembered_money_text_is_format_money() -> None:
    for text in ('0', '0.5', '600', '1260', '99999.99', '120000', '12345678.9'):
        assert money(paise(text)) == format_money(paise(text))


async def test_the_triggers_guard_the_demo_bills_and_the_services_continue_their_numbers(
        clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = copy_of(clinic, tmp_path)
    last = dict(((branch_id, kind, year), serial) for branch_id, kind, year, serial in rows(
        data_dir, 'SELECT branch_id, series, financial_year, serial FROM document_serial'))
    async with opened(data_dir, monkeypatch):
        issued = await Invoice.filter(kind='invoice', status=InvoiceStatus.PAID).first()
        assert issued is not None
        with pytest.raises(OperationalError, match='issued invoice'):
            await Invoice.filter(id=issued.id).update(total=issued.total + 1)

        moment = datetime.combine(date.fromisoformat(TODAY), time(12), tzinfo=get_settings().tz)
        clock.freeze(moment)
        year = financial_year(moment.date())
        desk_user = await User.filter(role=Role.RECEPTION).select_related('branch').first()
        admin_user = await User.filter(role=Role.ADMIN, branch_id=desk_user.branch_id).select_related('branch').first()
        assert desk_user is not None and admin_user is not None
        desk, admin = (Actor(user_id=user.id, username=user.username, full_name=user.full_name, role=user.role,
                             branch_id=user.branch_id, branch_name=user.branch.name)
                       for user in (desk_user, admin_user))
        branch = await Branch.get(id=desk.branch_id)
        code = branch.document_code

        def following(series: str) -> str:
            return f'{code}{MARKS[series]}/{year}/{last[(branch.id, series, year)] + 1:05d}'

        patient = await Patient.filter(first_branch_id=branch.id).order_by('registered_on').first()
        assert patient is not None
        before = await patient_ledger(patient.id)
        draft = await invoices.start_invoice(actor=desk, patient_uid=patient.uid)
        await invoices.add_line(actor=desk, invoice_id=draft.id, line=LineInput(description='Hot pack', unit_price=250))
        bill = await invoices.issue(actor=desk, invoice_id=draft.id)
        assert bill.number == following('invoice')
        receipt = await payments.take_payment(actor=desk, patient_uid=patient.uid, payment=PaymentInput(
            amount=1000, mode='cash', invoice_ids=[bill.id], keep_rest_as_credit=True))
        assert receipt.number == following('receipt') and receipt.kept_as_credit == 750
        note = await invoices.credit_note(actor=desk, invoice_id=bill.id, amount=50, reason='Hot pack not given')
        assert note.number == following('credit-note')
        paid_back = await payments.refund(actor=admin, patient_uid=patient.uid, amount=800, mode='cash',
                                          reason='Advance returned')
        assert paid_back.number == following('refund')
        after = await patient_ledger(patient.id)
        assert after.credit == before.credit and after.billed == before.billed + 250
        async with in_transaction() as connection:
            voucher, _, _ = await take_number(connection, branch=branch, series=Series.EXPENSE, day=moment.date())
        assert voucher == following('expense')
        for patient_id in await Patient.all().values_list('id', flat=True):
            ledger = await patient_ledger(patient_id)
            assert ledger.credit >= 0 and ledger.due >= 0
    assert prospine('audit', 'verify', env=cli_env(data_dir)).returncode == 0


def test_a_forced_second_history_continues_the_numbers(clinic: Path, tmp_path: Path) -> None:
    data_dir = copy_of(clinic, tmp_path)
    before = count(data_dir, 'invoice')
    result = demo(data_dir, '--scale', 'large', '--patients', '60', '--days', '30', '--force', '--seed', '4')
    assert result.returncode == 0, result.stderr
    assert count(data_dir, 'invoice') > before
    total = count(data_dir, 'invoice')
    assert rows(data_dir, 'SELECT COUNT(*), COUNT(DISTINCT number) FROM invoice')[0] == (total, total)
    for branch_id, kind, year, serial in rows(data_dir, 'SELECT branch_id, series, financial_year, serial '
                                                        'FROM document_serial'):
        table, where = ('payment', f"kind = '{kind}'") if kind in ('receipt', 'refund') else (
            ('expense', '1 = 1') if kind == 'expense' else ('invoice', f"kind = '{kind}'"))
        column = 'received_at' if table == 'payment' else 'created_at' if table == 'expense' else 'issued_at'
        numbers = rows(data_dir, f"SELECT number FROM {table} WHERE {where} AND branch_id = {branch_id} "
                                 f"AND number LIKE '%/{year}/%' ORDER BY {column}")
        assert len(numbers) == serial, (kind, year)
    assert prospine('audit', 'verify', env=cli_env(data_dir)).returncode == 0
