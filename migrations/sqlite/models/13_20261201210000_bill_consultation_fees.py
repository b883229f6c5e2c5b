import os
import re
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Hand-written, data only: until billing existed, a consultation's fee lived on its row
# (`registration.fee`, paid at the desk by `payment_method`, with a refund status when cancelled).
# Each fee becomes what billing would have recorded: an issued invoice with one consultation line,
# numbered in its branch's series for the financial year of the visit, paid by a receipt of the
# same amount and mode on the visit day. A cancelled consultation whose fee was refunded also gets
# a credit note and a refund; one whose refund is pending gets the credit note, and the fee waits as
# the patient's credit. Zero fees bill nothing. Treatment plans never recorded what was paid
# towards them, so they have nothing to migrate. Nothing is deleted; the registration keeps its fee.
# The rows are written as the triggers of migration 11 allow: lines while their invoice is a draft.
# Downgrading removes nothing (issued invoices and payments are never deleted).

_MODES = {'cash', 'card', 'upi', 'cheque', 'other'}
_KINDS = {'in-clinic': 'Consultation (in clinic)', 'home-visit': 'Consultation (home visit)',
          'online': 'Consultation (online)', 'speech-therapy': 'Consultation (speech therapy)'}
_MARKS = {'invoice': '', 'credit-note': 'C', 'receipt': 'R', 'refund': 'F'}
_BATCH = 2000


def _sql(db: BaseDBAsyncClient, statement: str) -> str:
    if db.capabilities.dialect == 'sqlite':
        return statement
    numbers = iter(range(1, 1000))
    return re.sub(r'\?', lambda _: f'${next(numbers)}', statement)


def _value(db: BaseDBAsyncClient, value: object) -> object:
    """What the driver takes: SQLite gets text for decimals, ids, dates and times; asyncpg the objects."""
    if db.capabilities.dialect != 'sqlite':
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(sep=' ')
    if isinstance(value, (Decimal, date, UUID)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def _year(day: date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f'{start % 100:02d}-{(start + 1) % 100:02d}'


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _many(db: BaseDBAsyncClient, statement: str, rows: list[list[object]]) -> None:
    for start in range(0, len(rows), _BATCH):
        batch = [[_value(db, value) for value in row] for row in rows[start:start + _BATCH]]
        if batch:
            await db.execute_many(_sql(db, statement), batch)


async def _codes(db: BaseDBAsyncClient) -> dict[int, str]:
    """Each branch's document code; one is given from the name (as the app would) where none is set."""
    branches = await db.execute_query_dict('SELECT "id", "name", "document_code" FROM "branch" ORDER BY "id"')
    taken = {row['document_code'] for row in branches if row['document_code']}
    codes = {}
    for row in branches:
        code = row['document_code']
        if not code:
            base = ''.join(c for c in str(row['name']).upper() if c.isascii() and c.isalnum())[:3] or 'PSC'
            code = base if base not in taken else next(
                f'{base[:2]}{digit}' for digit in '23456789' if f'{base[:2]}{digit}' not in taken)
            taken.add(code)
            await db.execute_query(_sql(db, 'UPDATE "branch" SET "document_code" = ? WHERE "id" = ?'), [code, row['id']])
        codes[row['id']] = code
    return codes


async def upgrade(db: BaseDBAsyncClient) -> str:
    registrations = await db.execute_query_dict(
        'SELECT r."id", r."patient_id", r."branch_id", r."consultation_type", r."visit_at", r."fee", '
        'r."payment_method", r."cancelled_at", r."cancellation_reason", r."refund_status", r."created_by_id", '
        'b."time_zone" FROM "registration" r JOIN "branch" b ON b."id" = r."branch_id" '
        'WHERE r."id" NOT IN (SELECT "registration_id" FROM "invoice_line" WHERE "registration_id" IS NOT NULL) '
        'ORDER BY r."visit_at", r."id"')
    if not registrations:
        return 'SELECT 1;'  # aerich runs what upgrade returns; PostgreSQL refuses an empty script
    codes = await _codes(db)
    clinic_zone = ZoneInfo(os.environ.get('PROSPINE_TIMEZONE') or 'Asia/Kolkata')
    serials: dict[tuple[int, str, str], int] = defaultdict(int)
    for row in await db.execute_query_dict('SELECT "branch_id", "series", "financial_year", "serial" '
                                           'FROM "document_serial"'):
        serials[(row['branch_id'], row['series'], row['financial_year'])] = row['serial']
    known = set(serials)

    def number(branch_id: int, series: str, day: date) -> tuple[str, str, int]:
        year = _year(day)
        serials[(branch_id, series, year)] += 1
        serial = serials[(branch_id, series, year)]
        return f'{codes[branch_id]}{_MARKS[series]}/{year}/{serial:05d}', year, serial

    drafts, lines, issues, receipts, allocations, refunds, credit_notes, released = [], [], [], [], [], [], [], []
    now = datetime.now(UTC)
    for row in registrations:
        fee = Decimal(str(row['fee'])).quantize(Decimal('0.01'))
        if fee <= 0:
            continue
        zone = ZoneInfo(row['time_zone']) if row['time_zone'] else clinic_zone
        visit = _moment(row['visit_at'])
        day = visit.astimezone(zone).date()
        invoice, receipt = uuid4(), uuid4()
        drafts.append([invoice, row['branch_id'], row['patient_id'], 'invoice', fee, None, row['created_by_id'],
                       visit, now])
        lines.append([invoice, f'{_KINDS.get(row["consultation_type"], "Consultation")}, {day:%d %b %Y}', fee,
                      row['id']])
        invoice_number, year, serial = number(row['branch_id'], 'invoice', day)
        mode = row['payment_method'] if row['payment_method'] in _MODES else 'other'
        receipt_number, _, _ = number(row['branch_id'], 'receipt', day)
        receipts.append([receipt, row['branch_id'], row['patient_id'], 'receipt', receipt_number, fee, fee, mode, day,
                         visit, row['created_by_id'], '', f'registration:{row["id"]}'])
        allocations.append([receipt, invoice, fee, visit])
        credited = row['cancelled_at'] is not None and row['refund_status'] in ('pending', 'refunded')
        issues.append(['cancelled' if credited else 'paid', invoice_number, year, serial, day, visit,
                       row['created_by_id'], fee if credited else Decimal(0), Decimal(0) if credited else fee, invoice])
        if not credited:
            continue
        cancelled = _moment(row['cancelled_at'])
        cancel_day = cancelled.astimezone(zone).date()
        reason = (row['cancellation_reason'] or 'Consultation cancelled')[:300]
        note = uuid4()
        drafts.append([note, row['branch_id'], row['patient_id'], 'credit-note', fee, invoice, row['created_by_id'],
                       cancelled, now])
        lines.append([note, f'Credit against {invoice_number}: {reason}'[:200], fee, None])
        note_number, note_year, note_serial = number(row['branch_id'], 'credit-note', cancel_day)
        credit_notes.append([note_number, note_year, note_serial, cancel_day, cancelled, row['created_by_id'], reason,
                          note])
        released.append([receipt, invoice])
        if row['refund_status'] == 'refunded':
            refund_number, _, _ = number(row['branch_id'], 'refund', cancel_day)
            refunds.append([uuid4(), row['branch_id'], row['patient_id'], 'refund', refund_number, fee, Decimal(0),
                            mode, cancel_day, cancelled, row['created_by_id'], reason, f'registration:{row["id"]}'])

    await _many(db, 'INSERT INTO "invoice" ("id", "branch_id", "patient_id", "kind", "status", "gross", "discount", '
                    '"invoice_discount", "taxable_value", "cgst", "sgst", "igst", "total", "paid", "credited", '
                    '"interstate", "reason", "credit_of_id", "created_by_id", "created_at", "updated_at") '
                    "VALUES (?, ?, ?, ?, 'draft', ?, 0, 0, ?, 0, 0, 0, ?, 0, 0, ?, '', ?, ?, ?, ?)",
                [[invoice, branch, patient, kind, fee, fee, fee, False, credit_of, by, at, updated]
                 for invoice, branch, patient, kind, fee, credit_of, by, at, updated in drafts])
    await _many(db, 'INSERT INTO "invoice_line" ("invoice_id", "position", "description", "sac", "quantity", '
                    '"unit_price", "line_discount", "tax_rate", "shared_discount", "taxable_value", "tax", "amount", '
                    "\"registration_id\") VALUES (?, 1, ?, '999314', 1, ?, 0, 0, 0, ?, 0, ?, ?)",
                [[invoice, text, fee, fee, fee, registration] for invoice, text, fee, registration in lines])
    await _many(db, 'UPDATE "invoice" SET "status" = ?, "number" = ?, "financial_year" = ?, "serial" = ?, '
                    '"issued_on" = ?, "issued_at" = ?, "issued_by_id" = ?, "credited" = ?, "paid" = ? WHERE "id" = ?',
                issues)
    await _many(db, 'INSERT INTO "payment" ("id", "branch_id", "patient_id", "kind", "number", "amount", "allocated", '
                    '"mode", "day", "received_at", "received_by_id", "reason", "migrated_from", "reference") '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')", receipts)
    await _many(db, 'INSERT INTO "payment_allocation" ("payment_id", "invoice_id", "amount", "created_at") '
                    'VALUES (?, ?, ?, ?)', allocations)
    await _many(db, 'UPDATE "invoice" SET "status" = \'issued\', "number" = ?, "financial_year" = ?, "serial" = ?, '
                    '"issued_on" = ?, "issued_at" = ?, "issued_by_id" = ?, "reason" = ? WHERE "id" = ?', credit_notes)
    await _many(db, 'UPDATE "payment_allocation" SET "amount" = 0 WHERE "payment_id" = ? AND "invoice_id" = ?',
                released)
    await _many(db, 'UPDATE "payment" SET "allocated" = 0 WHERE "id" = ?', [[receipt] for receipt, _ in released])
    await _many(db, 'INSERT INTO "payment" ("id", "branch_id", "patient_id", "kind", "number", "amount", "allocated", '
                    '"mode", "day", "received_at", "received_by_id", "reason", "migrated_from", "approved_by_id", '
                    "\"reference\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '')", refunds)
    await _many(db, 'UPDATE "document_serial" SET "serial" = ? WHERE "branch_id" = ? AND "series" = ? '
                    'AND "financial_year" = ?',
                [[serial, *key] for key, serial in serials.items() if key in known])
    await _many(db, 'INSERT INTO "document_serial" ("branch_id", "series", "financial_year", "serial") '
                    'VALUES (?, ?, ?, ?)', [[*key, serial] for key, serial in serials.items() if key not in known])
    return 'SELECT 1;'


async def downgrade(db: BaseDBAsyncClient) -> str:
    return 'SELECT 1;'


MODELS_STATE = (
    "eJztfW134kiS7l/Jw5d2ncU15deqpu7uuRioKqZtYAB3TW9zjzotpU22hURLwi52dv77zU"
    "hJoHckECDJuedsTxkpEvFkKjNenoj4V22mK0Q1398YWJOntQb6V03DM8L+EbhSRzU8n68/"
    "hw8s/KDyWx/W9zyYloFli336iFWTsI8UYsoGnVtU1+DevkaQfT/SH5E1JUhWqUblOnql1h"
    "S9TrGFqGUilVgWMaYEKybCmoIeqKqaaG5QzXoP36ToMvsqqj3lOehCo38tiGTpT4QNYrCh"
    "f/9/7GOqKeQHMd0/58/SIyWq4oOLKjAA/1yylnP+WVezvvAb4XkfJFlXFzNtffN8aU11bX"
    "U3ewj49IloxMAWgeEtYwEQagtVdbB2UbWfdH2L/YgeGYU84oUKEwHS9gOsP6tJUq8/lkad"
    "sSTVQpPkSnggdj6SdQ0mmD2qyX/9EzzC6fnZ5cfLTxfXl5/YLfwxV598/Lf91WtgbEEOT2"
    "9c+ze/ji1s38ExXoPK/zcEa2uKjWhc3fsDyLJHDiLr4nhoaGv2+4TgSZE51V81ZOnItPDj"
    "Y3BVx0A+wz8klWhPFryunz4k4Ptrc9j61hyefPrwDsbW2Ytpv68958o5vwRTsIbcfnGkrM"
    "gHxPKZAPeD9QysN5UdpqDFn9WeAv7uEwXpGmLYL2YEYN5iIs7O08wEuyt2Kvg1/1xgRTGI"
    "aYbnYUx+xOwsHpHDzUGttqf9JQHSceefYxh5Zpp/qV4kT+6a/+Qgz5bOldt+76t7uwf51m"
    "3/JgD4nAGWadmvBCoAtn9Bp1rPCcs5vJo5VhJWrcwAu0IC5I0gkxmmahaAVwLVA/fqMg26"
    "V5fx8MI1P75PpkW1LPiuBCqH79lVmhPvKv7AuwqCq+pPOhtNzbQF+4S2AtlR6/atdnxhz2"
    "grHVTjNspirupgicAvMNGjrirEKIzuYdEZkf4n43HoEyryXHSbvSaCB3XtRcd6lFVdfv6M"
    "euxKw2NH/mSik8GwPxp0ex1p3L3r/He/13m3zVxdp9mTruO3pOvQjmSquiXNqLawSISmOJ"
    "phVY21Q4Oymy3SvPaoiw8ZZ2wMk4EZjgo22HTAkyMbVfbmGGyuqInWfojUpuvF+cfrldUK"
    "fyQZrKO75u2ta7WuZ8A1HBiwSqbXJSSYyyuzF7P1lntOTIYztsBcNSy2i73oVGZb2mL2wC"
    "41ULPX3uaVuEjxRlzEvhAXwfdhMadSlDMmfhrWEsU9o2v3gy6iCjqBn/l/H7D2/G5lu2IT"
    "YfSPIYJVBIYs92pttTmlOUeu44+R69ApojDlcimRH3OimUR6WChPJEL9bxOZsn0q5iWJGS"
    "IwV4o9xntnrH3NW9Zt6zu8L54DZoaXyGQ/hc0aUvDyM/rApkZH65+1k1Hc7rS6bI9i53n9"
    "nM8Ss4CpRbzTdxmaI2pKWLboS8TWdaPrKsFajBPTKxeYjQcmuK8pcLezw/obbvr9W5+/4a"
    "YbdCjc3910mJ4VAD58XsgGAUgkHPUqsCugRcV42XySwTfAEX3v/qM4Lrf0Fgb7gUpfU5fO"
    "PCc5gJgaNho37wa+WWk3xx24cu7zALmfnlwH9q7VIOh7d/wNwZ8IdDsOr25aTwb/xvV94/"
    "+uwTPhhaVLmv4qYcVzwrqfuqgFziVly1n3S4pZL8qsuxh5pp0/PcSIHp89AQ344AHLz6/Y"
    "UCTfFc/yMJkOFbEDO2JffhkSFXNgw2vACdXdm6RAbvasm+760/Uq8DgP2W93ffPbIzSwR6"
    "kqSAZ5onAZBt8RqaFnqKrCZcFpyu2vuYp3BWzsDjZgY1UVMar9taAGjXI0ZMGqy4dZVhUl"
    "PJ/r7NJs9/2quR6pqmDJqm4ujF1XVMsepTgORtuDSF6IsXRNvxPseBPRVFcpM/5SOhBTwa"
    "gzm5INIk31xa5qRN8e6ps7UhVX3SumlsoOuN2Q+u6M0tGs6u5mr7rxnNPK+m4PVemVxd5r"
    "CfY0NtCOaLXxsmUPVFmsXP83M1woVnfFyxltxAerKmaOI3RHrDr2KFUFyQlN7Kym8lGqCt"
    "IcL3NQUQf2KJUFyWArQKIWme2KEwzUZeNUCSlwbOnnepyrK3xpdj4LfoI1/MR/Enw3fJO7"
    "Rc3mqr4kZGDonN0RwU0P3lJPIqkT52Zp7rl7I119Fb9xVPdnQuYmwg/6wkIYzQiEPoFDwB"
    "m8PBKnIfebwjz1nUcTBPViEdT/1B8kixkBmcL+PqHihpy3pIXlT0kXrNw9EkYFxzwe0L1w"
    "zCFOJ+mP0gM1rGl0KDCOCBEQTIoEFsYTlsc8QCAvgOKfOuX+Lve3pgUxKPeWMRQR6fhdt1"
    "oRad+sm8SIJMjFKoMeiXwIoqVXCTNE+MMmkn8qwvPQ18hYZ//hk9Flz441OWqv2jHqf9RJ"
    "iLMo2ccGfl1ZL96lx345+73EJlW1mqNWs802tPzszSGRdQjXtICLG2Fs+q7XkyxNw7lzRe"
    "vdbGY2EdNYT2GztFmcnGZrkLmKZWJyi5G90lOiWVTGlm4g9uVMQiafmamoG0RBU2xOiRK2"
    "OPMcWBifxTI+YUIlmJ8stpFPqMhpultaSPknWLA9aCsdycxTQSqPollwfShMzBR03Kqpwa"
    "nouMdXg489uftQhDcpt1+YUkGftF/Ics/qbTE2yJwV3A2WRY7KsK6Sga5SeRmpCq+vJivC"
    "7D5pvr5xoxo8IvLCoNYSmcSygEEBARCszKgGn5hoTgwEg6IT61U/fWRjMZXVZOvplN1hEG"
    "AVQi0PA2m69S6sDOc//A4qMXxRtOLW0Raz0Nvh24pc2QLXuRndDzrDZvuu22sgc8GQ5ThP"
    "NOcj5692vzXuDxtQe4VhPdH+PnQ/+dNwPxt2Wp3BuNtnUsyyInM3zpo5Tfo6TZZ08EjyJE"
    "lfv9ugkLNVI9mrRnJXS0TQOCmnKmaEA2ZXrT4pbXqVcGtWTZ+Lc2vu5IbL77DkKkrEMemq"
    "LvEHJD/9sSzrC1uDTOMoCrIEXqc6P6NMRLUo/8/G+4Vbp1huHVgUWcuveWWKqxRs6dK5TB"
    "P0vowPeodTnh/Zt2YucecTqqDn7OxDqjIyHxLKyHwIIV0cLXdPiR7V1XNFhYCjqbBzbJqv"
    "OtNLsnr3Q4JFfne25UBdpSk8xu5KqOsWKj22Ak6eYu1pK+shZogKmhHlNRvCfuDZwrScGZ"
    "PcGcy4zcUNIaz2DFveI6Yqe2dU/Ylq0sogSmlaRAsfzkufsSrQgU0ND8jUYEvVh1b2fS52"
    "EBHmLPJGp+Ldpz5uDDHzhZ55XX5mE8Z2xajSwBtmPCArZrrQMw3v504vt3iryzLXlm7NJZ"
    "PIRlRFxfjkjYBYkYv0djTZWM6hwiXv4oLRM1miR0Ofcd4i+E+RQg0C3pNlOkfJoXM9ONhE"
    "A9gyRwIDosKYyGBMcPD4fmZaZB6BPH2KtSXCslvZEQd6R27ZgyIsg7uQvSfj/niAONkXnh"
    "2daLrN9U1basaxN34+P7+4+Hj+4eL609Xlx49Xnz6sDI/wpSQL5Kb7FSbHN4kR9ZOx8SzN"
    "ImsnJ74iPrnt3o8DVgOCAu+q/mqTrhXy4lQWKMorI1iQ8W9FOaPmoijpW5z1NClgdkGybO"
    "xXn4zgv27mv66bEezIgF13YCwZwGk5sL6l5WPBDtlKH3Zb4yQarLf8qSfvauf6p/5sr4pA"
    "79sGTGKau1eKBZbTyB6pqkC5xYclR9XZDbD0RYiL6T3JUIM4H8Ay1iIuI2r6wpL1GZFgCz"
    "OUXQt42oMN+VgVBQwqNjO0XmgOOxhUbB46Q1UUrqOWui4jYBymfLavtwCXQk0edjclPJ8b"
    "THMSmG3EbFVMPZ9llr6o+mGdXgbSNZWyf0JCCzHTtldOBSG2LCxP8yi0vhqoMPjlu9jsgo"
    "NYlTQ9sk9gtmLr9lg9PVWNpFKq/Bwmdg9kSuz6ZmbEq4zLS6H4SdN3LkvctoehaaqDlxgm"
    "akqmha2F6bAGBWppULOoLFnuAbIzWmy0MTGrut1PKZTvAd3C8dPvhtkdUWAD+8ZHLY6KkS"
    "9mom3LlmBJD7r+vOsSy4ZZGdeXSnBkBk2Z29yMiNWwey/bCibF2k8mWv3SnHsESWxxkOik"
    "+hKDmO8qO05nm4N2VcLacr3cclxmLnT5LLNiQpjzYhO9gTL2BjJ5c6Bd11b1WwO5bW7y8Y"
    "2lb3dTxrdwhRX0QFeqhlVtDEVKeZEmKF3h+pehDJNB/iSyszhy7hyUl082bQehMq47Bysp"
    "b+f/m0DNlKhpLgRUyVyCx4Wm5LWs0neqKiNWbjcvoBAQKsDarVeVtwHYqltUNJpuufYUJ2"
    "u4XVWFsM1YMMuljMXUzfIwyjaUzzI9d6Yon2UHdKCg44Ohv7IB3iMg+XJW/uhb8/T86hpq"
    "ZVHLRAbWFEg20p+JhqjpVESPqrGVz6CiEFexCnHxOcpcgsUvVbliXPnXVxeZJ5s23BLmHI"
    "RTTeyUOkK2Tk32yIqpLvRUkx9zCu767BPtlyzPNNeaDyb7ERZBRFPgqFfp4+7pfaWbeIO8"
    "QCRwi4n3S4rKA2WYZXb6mrbinVY3CksWuP7AlgpS/tVKaUQGezzGNCpnfUu9Mw2wB+p8ep"
    "mm6N9lfM2/y1DJP7v48hOJqjSWXGl3LVU5mPdSXFH0WhG9Vo7glqqXo9dKc6FQq/NC+HOH"
    "nGGeq/UkXxiG+ySyujFFZ3sdKVRBr1Ns1ZGls39QeYrsDLS6XWfndUoMJoqZTjvVXxG10C"
    "sbP6qv/U5jbXZ8/V7TZXlhGLaGyC7+7p1Nk/xlf+bLJF59CjWIbW1j9ZGT0Rm8E/ogWkv7"
    "tWCfO38GbnJy9VafxTrl4GropUwqPeMIVKfJ6kEKycQ78LxrJqM9EhAtjyX6Ji2SwysYRT"
    "NBci4UW4weFAXSi/N3e8d3RoixnQ/eDeFA0Obfr+A49W0qviU4cdZsqPqFBKwRdddUWxHN"
    "5OPxCVVuQ9hLC2fh6gnCfJGq389FQr+fi3C/n7WtlRbltUQFe5VcnKeB+Dwe4fMgwAETNS"
    "3KAbHKLeb8ve4+4z8jzJHHXflBzn9j9vth0qLsl6peCCl/nD0+q7Qge0QquDF/SoHwp1iA"
    "P4U4THF5/PGF2D0ixd0oan8fQT86/pvQ6X+hB/KoG4Q7cfGjRYzPaEqwak3tO0wEeChQ8K"
    "WgBdkVYuGoJhjxr8FaoriztOU7cJVKAbxKUACvwgrg3CAv0gzLmfZzj0wF95r8t/OM+Apo"
    "k6ENRVaPEwh0C4NGRAE9NUPjQ4Bzz00pmPBzYpi6xjnqdjY1mmIT2fU7SQzRPZVMzjz2+/"
    "tuOwORfbGgynuQ2U/QrPZ/HhcaN1kR/yb4z+V/7WvDTljdtulou0W98RT+0zd0mM6mbi/y"
    "NGf2EZas/fbb3V27fco0FQUvgX7Je9Qhby3aOjKJQbGaTi/Zt4daNKCOgvk8VQPq84QG1O"
    "chfQT+V3omyyxAe2X2hXMey/5WfyXGqYxNwhVvXmzRJNiwq8UXAv45Ay/TIl8JFBn4pole"
    "sEp5Za0G+o+fz9DPnz5eX6HLi/OzD9tgnwr6BORjgJcU+kSjqlltwN8jV+RpaPOn5OZmfd"
    "fFn4b2eBbPejwLkR7JLKOluRKonKF5fpVGTWd3JZBKQzYQw0OJYj0CwB1tMQtxHn1gr6WL"
    "fJDWvnTumrcdNhhbHCqZaPZf9r/742+dYQPpoGNPtPteuztq3fZHnXYDLTSoybAqNJP9JE"
    "h1ECScA8HJgp1S0h+lB2pYEdmUwMWKcb8EBZOYWOXz+ybgDMSqYHDtiUhLtsVFbOgjtibU"
    "2DC8T7DAUfha84mgJ/pCNIT96jvQR227k68E6P5IIH16oT1r+mvKKmBO7P7i/OP1KmwPfy"
    "RF7EfslbsNh+2xojB7K5PD1yNSgR3+0J5bIGTOcdbgsl+qArAHNupUHtyzBA/uWdiDS2bE"
    "YJjI0EdJs7BsZTZU40eo3gzsw2gK45fZjEoYonJzsBfjyQJHbjaGpl+qwGFpT2dleFpE7Z"
    "PVCeUt5qqOFRP6lToqcvYJSTcjSVMSmpO1k1mKOgPiVciQ4I4q5KF0f7ttgK3p6I98hsJu"
    "TXQCn9932/y+lG1+s2md5arPcdAsl3K2CBWNYd/irEck0oQLbTsv7EM07y3WvgzJFdjGPB"
    "rTm2/e0ja5CRGSIit6c1a0F7Yw2qIPbz2QHx2xzGK68UbvGTlgnDIDvWA7RVqAQ9ukD172"
    "FKh3f3ubttmxp89qGPk99lcty/KOIsAep8FqKRE7asvQUiJ2nG6EpYRKtCMsfH+9MuN0rF"
    "ZxpcRM9D0rfHulUkLlNjrYDar0HQ5KCZJbtn83kNJX6y8NSJmI9h6+vN2pUpquW1VGw5q+"
    "bH9lm19ul57QxsuRzaSOz1NY31NPkbAgKXgprdnZm3MXoCMQlIR2KN1oihmyCmI2HtI1hI"
    "EE3uDxkj96f0Do5A+XH/5HHfFONexmJ+YFHPkHbJJwssO+vmSH7Aj2lVkCX87teYe7jlpY"
    "LE3oKj7xYb3IUnpe1wKHc7h+2BN0e/G2HidTyuexitiGgh6t+C3ICN65cfNhZwYCZNnc2B"
    "FYjJx9DPho62AzEJLDu0pm6TS1Ef358C/UpBYvkyjSrI6aZiVPKXlkOM7mKqZxpWc2U5Uj"
    "hik0Z7nXaf0iDZrdHpMm8vPpnD31RLtprj6FPcD59Lb/XfJcUfXXU8/VYbPdbY67va/OZQ"
    "Mz+95iE+lc9zKgt+Op5E0cWs2SZOeNZ6sIECVcZBoRqEirhwZl5xV86+iEuPSi3fkoe+GS"
    "GuSRGAazEkx9YcjZqvCFRSvHp9sLq9QGDpoFs8dhhlR20P2y1UN9H0xSr6phY7XtIRQ1UK"
    "GPoW5Pat12e91Wg+1Mp3bAYaJ96991pF+7o+64gab6jJxybYkdJT12b6cBuWRUIxNtNOh0"
    "Wt8kOGCag98ayJwTIk9P4aTB85TFTfZ92KwUvdCcJjO0vHLVI+WVl44VZuE9kogXtk1kOs"
    "NqDFWIRL2Zii3y3hEtzluai93faXXvmrfs0KnbKWlsBqlNqfAWfgsWHuMeU2nGrCo9phrC"
    "5l0xPEqht8RWc/StgWRsTidaqzlsw78NZaLdD7oNtJhT9um3zj/u2TYoTwl7kt017LN0mk"
    "SCIhHKJOQaQFzcOF65DsoVWK/OZavbh948NzzPmQH7oJzAPjv2j7rKrGNpMZdcv21aN3BY"
    "8i3n0LKd3FrEVETYvOGvpQ9of8yJpgAAGXf7QafX7va+NpAjz3b3fm90fzuGDHFHnyds93"
    "eTxouULy4D+qq6XdZJQFY0EyyyiuvMlm1YZu8oGCNeOe/AXop1G+RxoSnSbltiaJADYq85"
    "Ka2Z3NN9sPNBcqKFt8hh58t9rw3bof27ttwQc1d7y5WEd9gsknLmY4ksvLc46xFnYogTdp"
    "z2NYWb4LwbrYjcxv2Bm1THP55YkFjHfyeCQXEV9A18goR0Rk953x2z7DzVhMsJ7MZMO//K"
    "SpHFKLJE00Ir8kNLkR/qsO8lCGfmQ8G/pVpxfCW1pp9G90DB45POVsuHc56RsujPGY3gLI"
    "aSSuNJi/5kVn5vStribA6rSUFsaky4omFqEHSiGwgYVcjg7Kp3QGdm9vGKmcjwhT8VvIwj"
    "NOYybnaqow2AXdhHsB2Py3ak8B2LWaSGks6T5B+h0JHU3mA4YoJzw5xo/Xa3gXSFTrQe/E"
    "tT6DYuo5wbEnnfjNB0JNXK8omVt1IW57hkOg5Sxo+wZr6SqAqsCYU/1yKFXtR2rydAz7Np"
    "1xHbxOEzi2jIJPYmZbJVQkx0Al+C/hM9qFh7LijXkz9qxCuQRKJZyexMozmQMgTbEfpwev"
    "YBJgtDlxaZ7aJMEfnMR3OK5+o6YurJ0p1FE7FVSezJ2/1NcUg4V/Wz1Bwc4dOOPxvK6d1M"
    "49MWrqLclLGI4z6rdzMsKNybGwuLCU/cHj1xnhUpHEYbwA2/vZk9Rvv0eUCxpyEBVTw6Td"
    "N3vZ6YKc7ulAzvrekcHrzHKtN8QCliQzSYJgRKkEIQtepcLarzZqYEy1PnbsXuZfqTGWp2"
    "GuP8yP87UjlCABF7zp0xRcrnoc7dpJTP1VRkVWl9khVUaUuiwqYirZmL2QxHVReJJ6p5RI"
    "pLTqu1bMOqjjoK5f97h41ntl2tPLx19P59aB9Ml/60h5rwb6Xt9r/sY6JunxH/Lqanxd3B"
    "MhMsgnLCAokgWKyP+9Qm81pE2MsbDDqnKumOxkZVq5wGzQ7PyvLZG63mqNVsd2ox24Iw5z"
    "bF/4M7YaGsOf/qjjDnQss/3p7zFxdOZ9BBxH9hmHaIx5VHmL3lTEF5pdZ0XUunjuYGle0C"
    "XN3eMKqT+U5jZY9Us4VtWHYClrDRjmujsS3khcZV/UiRArYWL3Q0b/Dtt1G3vypgMJ8uTa"
    "o79QvKUd+AHzO7FK3wDVDoyWo3u7e/Qfd6qrLJabZ/bfZanQbCygv8sIk2aLZ+aX5ln8zZ"
    "Vs62520maA9JKezFk+bEkKILEyaFWIOiZYm0tmGGbHedPTe5RU7PzjOVL+DLQAIYMyIfFC"
    "0L8gP7uXm37+OAzpZqhKsh1q51bxfZGBH2LPSnhiKpGRevV+w4NU4yVudkP33IlEyblMQV"
    "yeOsXUu3ogqfJoK9kilLNZnaAABGM6otTORdKofH26Pvh0GPpd/5pcrBvstDm4/g2RFNyQ"
    "yfV+ZNg2cSEwKlkr2e4H2IAjK5Z3zcGAX2ztZG8Kxg0/NYq/ML6sh+eNP2nrO/FI0+TVNu"
    "DDn2jHcRdR5n2wnxiBd5Lm653RGcDPCieH7AYfEvX+kXLFv0JXOJg2Zr3P0VzEcuDXVf7g"
    "a3HafuixPIm2jdnnsf1Tzfc3yrUtBC3yAtVJQ6qNqsRzApRKmDgxjXdrFbGhMxjg/EB8QK"
    "rF0cD1pRRWL/TiEJz+eG/rIFzAkjCMBF2Q5RtqPYBAhRtqMwZTuidtIccK42gSfh+ElTKc"
    "XVvwTOm4hSAU01hiclytAcvQyNm7Oza4PTQKZQRTZpf2WBI/VhLskq9WF16N7CZcFon/zP"
    "rvbXghrLWgTz071UT+J8Us9NqbL3HAEIIUDZgmcGdh36IvKiQbY+E52Sl1YwDY3TpzetYw"
    "AeV7Pgcx6XzwnTu21Qx5XdV0gnh8ZHtX/cd1u/NBBb0vLzRBsz1ZGNS8xQ06ptojc5Vx0q"
    "eoQtvP5z663Ae4pBhI1XHuJ9FYDDeXvLo25uS4JiRNge2bdK/I/ImYrennxCRSbTpvem7b"
    "//3nzqVKhPi/JKoMgI15omesEq5XG3BvqPn8/Qz58+Xl+hy4vzsw/brPH8yeNAcV0SHFWp"
    "K5lm4ROskNM4DwYF++EKiWnduXl/X0sXuAFU7UuH/XZ2qD4StkzIRLP/sv/tbYc20e7ZGT"
    "Byu+csNHD+FKmFzqbu00k50vl0nD7QjLXgcdeNiFcV6xjgCuW67RN9IVomNenQydOiJfEx"
    "muPOZuzHynl0x40a6YCzILMTLasO22JbPKimqjrRvjdvf5GgxforVp9Pobf692/N8ag5GE"
    "A5G2yZzKxnn3Vu2J/koYh9IcmPOZHBIre722amDkeLl6JTXq3jPLxte6z2v7m9M7DP7cqo"
    "+Wx/EXRjsEYT7InN749vgCIfNWP2oI57iRIzQy7Snov92vMcGdzYdHCsxIp7aARg57257I"
    "bwaN0QviBHSuH6rR/ozejz3QU96PozzItBeCn47V+R/BVil1ywiHLLJljkfrEiz4FTB/u+"
    "22awy4RNwhM1LWJsaZJcp5mBIHnUMwPX5WZ2H7JpfUkpvoLY/RZnXRC7Bft4j6dYD6K0dr"
    "SWqxSuKpHyDNtv6WdBONwX4bC6BK0dV/ThaFv7ZI80LQvLU05JiiCQeK7Wkzgk2H/f5pph"
    "GlrMVR0rREGD9hfwjNAZe8A6MpnZyD4kmmws55Zd3gucJlOCVWvqSJls1lQlqvJzngNnry"
    "Ym2CeCfbKd58Ugc92wsvpfhp1BfzgGvwtIT7TuXfMrpz/Amuf0hwHb1FvD7mDchcK1c2Mt"
    "n4OzOHdDVDcoe2wcR4KIj4yFBAvsDsjjxdhLrGtGFIoTvGPR0PulikyP2DLGdZnGH3kZ74"
    "6MKEJD/ycC4vgCE87twvSKML3sY11i53CE9p9Q9t0vVuRlW7MJ0y+8lwVoLH5VZZudez9F"
    "30vlRRQOpXzciCJVdQ9tw3jcNRuiHpEd4CyPBpQBTdcgzOyeCwsW2D930BNY5FUfJ68a3v"
    "IckG1T/KSxl4bKY2fAci3htPh6NsUU4Hpe96q5OnNHNrw1FsqraUfcsdrT+fOE/Jq+6/Uk"
    "z6bs3MkUIOfWVDlyL8TgZfUg1Q2N+s0BAvnP6A+2KigxGWZ/IGpydZ4qcBe1mEJPDdNyRa"
    "NT6HIaN7tr05EOejnr6HdPfpDJ3hDPBaY4TnUjlKPniR8LL+lxvaSrVZMFbJ/QfnX3Q3I9"
    "8lE2IduAzl1G5zbeZ/8IhfZMlL+XhUUgO8Ei0jPJxNEMyhWXpFkcr+fi4U+yqmea1rPvlx"
    "Ju/exufX0b2HWB+m6oYxMqK88iLeF42P1SAvfsuEe3DIxH3L1fYJ0d66KXFYg4PBUDP2YO"
    "s7eHzS/jBuKyE635vdkdd3tfpVZ/1P3aayD8iqnF5uVU1sEAYooP+xhyT21zqBiKzto0C0"
    "1XcnDGJ5hDbKZE70yBQjER3N5wLMZef9uF4HQxz6WZZ48vxj/HyRUUPGKHoxKc7Wk+c6ye"
    "MIdiePrClByAssYyo8X3GoUrn1+E/Y+m8M6yBsFm1OJN0IojZIW+tkUneMHQeIMMDZHoVb"
    "VZT5Po5Yu9pOQ7+GQE2zAq0ctVkzNneoUEBZVE9D3Ym+Yl+DnH4efYO2gO2KZkj5QVWN9J"
    "kyYJcb19Hg7cgm22qfMNQ0dNDMDHoeY43DNq72UBXs76Yj2JlKP4btucbYhWAmiGFTvnk1"
    "dist/vOnql1hRhDelcBqtIZl+KTrqt9unZh3efkUaYcY9sEJU6L56C2I6rqy9EgRzDF50q"
    "RIlIRzzkN4t8xRIzcbwPE4I73jUSECsyW6S4bhH2xmXB3L1fuKDeRMgwn16/7Njt3/4KUU"
    "F3955ond64M+y0pW5P6gyH/WEDsa0ZykKdUu2UGMaWBdRyT8u1YZfkKdaetoshRg0gYkzF"
    "cR+FvYZ8+W3hqw/KiU1S+OmFxzaNn96xFLbqrhqSFN5F4V08SFw3cLRnXbpx4mL9ikTLYz"
    "pyvVuq8DhubK8aOn9SdP4MvfoC5w04x22WhUq9DOQWxzt5PdnHGz297F7JzX1O4+/VyMLQ"
    "17K8L5tb3g/cqApU/tONdQOwoGM2ypWbz6DCS1tiL225qspl37Jqnc7XBmL/mWi91q8NxP"
    "4z0Tp38Nkd+2zYGzUQ+89Eu+kMmw0E/51ov3YGDcT+s3tFuZz7L1CLzCJ8jfHOCy4gmQQ7"
    "LQEL7Lyo9YjxQsw6mi1MhoQJGw/bP7FK2daRrYLpwfwaKp09ZJkOuL8cs1FYV1LVW5CkN8"
    "b232QEzv+MOHtEBMZpMC5h/GilIWYNIQ07/7hnxqkdM3LGmGij1rdO+563rzXlKVEWKnza"
    "7kPDYVhOOTa4zb3VC1O02C/PdCR7RMT+L0IJIpQgKP9vcdbTUP7fQhcSETwqBryCmr5fYP"
    "OPaFS3j0v+DOqdO7Z4MgJWnVEi1N4bR/jLL3aN70jKTGQrlmoA7/fWaS86lYkElc92xKpr"
    "D3Xr1FArBFi1ph0weKDp7bFY3PYZwLkjChS8/EahRv6yFhHACdxRTwrgzOx7pann5o0BnO"
    "9TbHkDJ06DExPhB33Br1DDadwDlHjo3CTrhoLmxIgP4OQ16OYAjgjSHDVIw75EofAomRwN"
    "finha9iC270wnnhp0Cyw+4QE6tt17ZFx5uUeEBPIb1Hijx3kxlPG9e4TEqhvE9FiuraKnz"
    "J6kT1CAnXhRxYeReFHfouznsaP7M5d9nY5ivAjl82PvNkkLJsXeb0MhaNzYxcXZUdHZ9gR"
    "lcKd39fIWGf/2b8zvwirexdXfqs5ajXbncAM7Nbwez7X2bPEdvz2XK4ntvwO3JiuLQ41qY"
    "UedP3ZYUfjlTfOLoSB7H47FGsIW+xPu1t9TC+cHQZLw8JeSa872BiWuepu45+2wEX7q8LX"
    "hGvwqK5Btpu/UHnr1iwe8UKzuMvfl2X9ymQ0PHyC5bE7avfjVqaYUAkNjbB9STRlmzn2iJ"
    "VrhusIP1rEQL5F+ramvIQEXlvDyHjQ1W76/V+AgmtLT7RWv/elO7zjrFxde6TGDD5tDodd"
    "XhUGGwblRWG6PTbkiG3fvQai2in0g2Ejgvzd4LYztuVnc14PbKL1+tLoW/87Wzn6qTnVX6"
    "PZv7z8zJo3zKbTZQ5vs9vnzwu2HzS22kg8fz4kWDkW/V5atUPPyEz+85VAgX3ntRv2pjFg"
    "eUdME50QTTaWc/ZQDYjtL9EML5HJ/v91uvTRANjbRMx3u+/Eewmp2m+/xDbGBxJRVzS54U"
    "NYusAeudr3KZWn0LKUT46KtZ9M5PwCs44eDX2GzlJuV/n1hvBslcxYzOi1ixQW3dkDUVT7"
    "4NtCDfRLlqacGFvoROOLnH3+zLYlA/wX3h3J+WFvTzm0mKqkSdBfFqtZN7ugbJG3ujFMPl"
    "6yDY4/NbI3aOTw02zfkbPl8bVg/6IDb3ywMDMG2VciRVYTVjxA/vpBvYaVlxA0BwXp4C60"
    "mJEJyqVHjyiojsBgB4S22UEDomXdQk3YNOEv5/ekrD1QpZ1T8DPiN8VyRuoFP+Mtznoafo"
    "YvtpSSm+GTEa19olr7BKJ9aZMnA2IC2yhsRWbq22EUVcIrAf6nrIiqcZvAm/TxJDC07MMo"
    "jG1mdtbNaqByLtKN1CDfsZ0iyVdkUO8zg9o96nOAt+L9vYJaUZqlq+YC7BhUBiClDZzxSr"
    "nfbl68ajS20aV2Re7/UXL/K5/R7jpKieJG6oqf3t5SdXNhkFoE99W9VE/ivcqemzZyXtt4"
    "aSJNf9CVJbAx0ANx+CCNFTsVTXWVKniJTjTdcf2/q6/Iqgi+jjd+M7x81p9MpBL8QsLE2I"
    "N8Yxr2rIpNS2LfYq97w/kjGwE21jBMaw06L0JhKeL52ILxfNc18CFswT8YDa5PKMk1WF4F"
    "JgpNcO0FC9bi7Oh5ZcoBHnvNZHVhuk3OcsYwO6nrGGyufb7j+6+KKqI/8eiXMw6QJvpznD"
    "jAocqb6xppIGh+u3QVk5OgApMyIF+lSMGB0B8RC1iT1AwrgEfCXEQQDtZY6vDu2fLtKbs7"
    "cFepnUd2MZZlR8nF9RgNuvCOHc47tk/XTn9ONPYrv+kLw97uAv4d3/V6kpNHt++UpqtbU9"
    "QsJNraicLWOYwBXEIoJfhKyDPbXBp2XUH9lRcVdL4EnVivOnxoohl+JnwMgp/RA7GYmPYu"
    "qpLhPr8q5/qGwoezow/HmdAwssl8aI9YkTkptQ+wgO90zXnWg5Kc4bUwpRnVFlZETngyvk"
    "HZQoN8xx/TdNJPZ1TR6NPUqrtbiGvbHxR87mfeFv2QcCnht/8OrqSDzoIgE+a1hxfKoioa"
    "wDnaS8fRLb9jaqnUtDqaFV0U239Donb56twqkdW9KXqarmrbTHX0ijUoXK0hgg2VQkUBVW"
    "f2FS97w67P6rwezusUwyaj8ZSWV55eqUB4ED6BLd+0E2MhTAhJsFE9Tw/zpWniicGKOk4d"
    "ACgfrMlZA4uiso6orPNGK+s4dkFMCY5EW+LAhTe2yQtzHtS/x9SRx8hooEntQ/28fjmpbT"
    "MhZxdpwncX8dG7i+CE2LspOw2204QjxIusktU6zvPaRXDWEwUOiTqaRWrKB9eKVWxtPyMh"
    "4ULPxy1/WkQ0paBz8VY4LLUvkO/9OiVaJod4OagsB4oy3GsWVTmG6IS6rJZ3n5Ed+Vnwq5"
    "5yTjlj7OqiGfcLj9jhdorzjMieIf6YTLU/R6aua3V0wXGGaNrBt4Rq1i/6Pl1yaNlm6y1e"
    "RC1euuiBOJEzrBa0EEEJS7uBJQ4QZp2pZnfc7X1ltq8tP9GC1d6A/NMeNr/3bPtYMfBrym"
    "09oG6mYoslkMVC+r+nbm/GBLewZOHz3HilFc9zw8v0ik30xI6F3Y/ZDPmEgqEXv+Cry9AT"
    "9RmqNusuRqI+g2Bd7omfhrUl8vHABNuyUgtZ1GsQFQbKEHAVFQbeQoWBoh9tudB+RVZ8pX"
    "m/33XjOYn367teT2Rm2HduwftdFxGFMUxvw6EAMxedmOA0xapNxLUbF5lzlVrInNJHK57w"
    "m/d3CKavYPoe7ng9KtPX6biyXUA3JFxkmLOu5jzQ5Q15tqQv+EUFsoKeu6+Ntxi+pCpim2"
    "CJi6Jpe8xcFG6O0vPK23gJZafs3xiyXDxXE+0WplJJsufGFHRyG5GfTMT2N5Vw9rFrKLDR"
    "6uzjhQbdEIC3bZeEQg9LdhGeUIGkQlPXPnOjhF8Do4OTQZA8xdoTMaPY5Af5zgir5nfPm7"
    "KqQiXMnCOZORlZaKUi8eXh9o5glsnYnErkx5y9MyRiSbaJTJmWHaO1BGWDSNrC751BKoZl"
    "p9VlmvXJ2Xndbkho/qVSe+N32TOX4XJKgJizF20DtkdUYL0Ja/skyA60V64sKNeaqorg+D"
    "br7OCyoNmdQR4XzATO5AzPDXygRYZxj88Dce+vXJfNi1RdNi8SumxehLts2lrKNpQvr2AF"
    "uT/l5fqEKV7CQZOfyhh6dTLzTwJiAluRm348qsRqNQrX12bXl//FjUH3SC4aXV4AeXxk9x"
    "aNctP476gnumqcez2tSje7a4DGDtlYyOkUamFoG0rtmC8MBA2vnXLzdSQbRKEW72ZZZwqm"
    "TNhAdUfTfAdK5ypqDI6WJcFG2Fmz92+caBOtx8c2ETaI8wUPS/sLLLbGOWH/5A8G5XsnPd"
    "x8v0LPfizzj3fsmUyqEN7/kaGomZj7lSaaBX0+qWku7JIDyBWtI1NHbEXKC8OAb4AWkqbj"
    "RzKn8Cg6+8cznYPjiX+LXc4As8mhKlHsMSca5BCYiFqmCxGsNrsaAu9FyQwU+CSNT8rG09"
    "4mNPYhWxcSgCQcVUd1VHmnJZ2BtJYocpr8lkbS2XmaXKTzhMLVQQspsNozAB2WrCDgVynw"
    "voqF+yqIdlxf7Xjew27NtAsHbs5GijD98kJVmCcHMk+Oo0B3fkCFOxKlObuXElVm4rlpc2"
    "RTQ8796EVfyEzbavCaVFwpc5RQc871QF6gCqpVWbpTwIo9g6G/MB3vhOmATJt9x+OPGsLK"
    "jGoREc39flf2sljwXRLDgd0WXTFLlMnaf15KkkppmwqZfO4riXw0nH1o7LVf7dXvWEIN1O"
    "y1f/3b+fXp+ce/fWD/d5YuvBFQN6/TqJtB369H3bwOKUDu6xGCPz767JV50yHoOabsLj3L"
    "0vWIVFA730snHw5ZlMdwA8oPURyJQqFc+z7VkXM0Oi0X4MkRTVtR6gDgLwy2nWeKiHpECg"
    "3+F6cyZwMZXB0hEDw3qEytZR2Zi/kcarLV0fv3ISXnaLPh/QWhGYkv9RMQq0Co+tB1fPAM"
    "+CsRh2QSH2MtVBYyxtEoL2DhRO8xm6skubKF3mxazdG3BgIq1ERrNYdt+LehTLT7QbeBFn"
    "PKPv3W+cd9h30+JX+BL/2m2ftFGg+bvdGXzrCBHrD2fMqd+Y/EmGi83moD8TqrW21Pl2l2"
    "p8v4zekypEmWr9QV02OVLUpdDTq9Ni915chPtOZgMOz/CsWuXAt2og07f++0xvCZQf7ktK"
    "yJNmh22d9wxm81Z7kXvoLOxGw0NdP57hMqcvE4iNfBw6L5VLd0dsC7BeTqaMG+yWDvnarj"
    "tESzYBHidFWIk8oQR0/HjCgU24BmnRS/aIGnZkvz4jIN5pfxkIfPHTiJla0IaX7JHBhpBU"
    "O+SoQ0mCvoxC5lJXeGBCugOh+A5cnN7+yvlEdMvE9Ffp9E5cb4t6ucNfxE5ca3OOsRL7uo"
    "3HgYMreoJrg/cF3VPCu4IbkCg2tXcYawOO9DtQqc68bK3ZDSrBVclYMofrlT6derNQd0C1"
    "WqLbe1nRb60IufJpNBVMpLnclQ6Ep5XZuwX4tgYrmX6klMLOq5KQ0Ty7kfnXDXpP5ohxqX"
    "dWThH2iVPcDW+oNuTZ3sgneIF4TwpBQg/MQQNy24GknC2tPXbGDtP7OlaL8PQS6yQ5wNsv"
    "d/D1QE9RiIYcIWzzJQEslc/rsEs+uozK71asgeEHJlD+hx87zJWU6rbu/XfrfVabhv1URr"
    "DTvt7hiEIJ7H36ZT14N4/AyDEgbqFAM/WlnnpT1sfhk3EJedaN3R6B6CcfbuAKG44fj2N8"
    "mNyBmWujwFB6Q3SAeh2l6rc3vb4fFaBoeqptar9zyLB2dNBpWPvZAmm6bJFCcod+TkqXHe"
    "5Io2eXZ+sRX6udMmj56lcyBNnAPP5mBuUBWdfzi/Bq72HTbkKfz1cZvJKHkGz4GAH6iYKW"
    "9MLVvT5n8y3SRTKA8Gn6/WEnLX0uGdLWttKzQF8Qxin1A52iiOVxxNNg/waKBT89+RyRZN"
    "ySx2AMruavcJiihacRzrkVE0phhK+mPGtidBucJ3nDuIFbLGlVmQZtR2FH8mryWKG9+vNb"
    "12OeRUbdU8fS/xfvZVxOD1CcKo3+i6SrAWs1v5BAPgPzDJfaG/+iTLCYB/IGyi7tfRGAos"
    "WAQrcAa04G8ohjBi/9j5LLjp9299G9hNN0hPvr+76TB1NcCtjTiZbXNUUqgpb8FejhI/Do"
    "/5Q8aJ6vaGbGIeuYr0OmXLb+3v4sUs2LRBYQsoU8EOdHKkQnNPhm5GWOGJc7KSKcdEjBYz"
    "eEP+WmDNotYS/UDMjpBzUJi2wXvL16B8y/+WrWm+IbkuYPcnHGmhW/gH/HzpBauLiAMiEf"
    "2QbCmm4GhpFPKTmXV9uyIC2CRgzezAmgLYFMDS7MBSAWyaXVe3otxiybutKyOgTYLWzd/J"
    "gKwrUgpgawO8hKpwJsKqqsvwMOD2TZuVnPuhxs3e7NWwPWLlgL21tu/NVeD9iKgLjnel2L"
    "6C4/0WZ11wvAXHu4Lguj4NyWWHZmd7x48gAI+N82ZFOSgmoA1D62dApg0D+qXyJCdWIgo4"
    "V2NaWSYgqsa1sXyTMVWR1XGErA7nrc4B2sF6pIpi698BU4C7OoxygLfaKRvBYzvNylVzaW"
    "g7Bu0XvE8DZ7xqAuw5a9LkekXoqmINb8rqilfwRX5XnkDvnt+1hn1FyAiwiByxL78MiYpj"
    "Chn6s7YgDF6hw89fjtD2y0Ov4N2wcjz9zdV4VULsAFmDfJHFZw66a3Bj9qCkunduTCHsa4"
    "TTlngLoVWe32dOZ7IrTtrNgx4pmwv0OiU2h9wlg1DTSYEJZw3mOnJkoqAnw4oZHJT/JNHP"
    "55j9fFbTEIJ2NGO7TCy+XrkqeX8vzj9erzCGP5LgHd01b2+j6k8kVOlNKjZ2pCq9+0R1/0"
    "UTTSxnQdm5/YBE759//vni7LJ2EIQ/pcD3Uyy6n4LYuszNjKF3r9hxQu9n+9U1EqPsHzJE"
    "2dmPsqQVKTYDxH5BUV96A86g1mxLhA/JloNNsmbBU5vnHtT3Dsb+lYzIzJBNxN+VWCnwzn"
    "NpX2VhpvKMhm3XdoT0m0NbkNkLC3V2gAWsm2AtZSuL0oA7n+ts7Fn2cH5YsvAxaCgzhS2L"
    "sEEVZBITKmXzgvsZ67PtGOlXKH7S2C1UlixiZsU9WroE2CN43CPA7XosM5bQ8kkJtkqQrW"
    "JwcCwyy0avCskJflXYH2eQJwrjw3NkXLYRomXYGgBQdit/7ANtEQlsIY/Xf8c4qqcgYzm3"
    "ic3EC98+6QuktpqjVrPdqcVsHDnAO4DBus5YhVjL+fMughtmTKw6RqnLAeSmf7RCwJyXJr"
    "cR/rCWm4KK4d2Ec5iAYWC4gszAzpv2RvAjDrNU3COfgpzDBLRXI46dAYsyBduq1Cm4SFFW"
    "RqE60jtUkFoEm8G9VE9iMsw9N20kMdzpGlkig8iEQmXvR0OfIYwcQic6wfalucUrEvOeuP"
    "Aj7QuPC015V3f75rKBnzlhwamSF6Y17Pm70nSk9zNV3UeJLnKs4KUoXHwQ86syhYudBZwR"
    "Y7bjtDrdwbjhvgDQs/LLfY93rISFn24L3GsA+uBVbg/C/qkNbcDtjgYANXrRFzLbPdD68Y"
    "9f5LaUnuItZmPAuUwvbBwog28gfWFBoTegvcHLjEy8PFLppFX9hayT4JUrhceeKV/OLtTg"
    "Ry1U5IbOHyp1ik/YdrH5mV81QE+jplMR8ThzI1pWl75lNdt7iUG0KNdUUrFQj1CB64WyaU"
    "KrZ607cwTbG8wiMlU63+GwuU5D5LuO5/Fdh8vz4SiWWWwFaef2HWtHH+pVChSPXkJZSpN9"
    "pDNLk6vKcNogu0gf2+p239DCFaW9RkckzvGlPQKiFaztUd5aHvyjwERXtPyxrSkXq/LxjD"
    "5xZCTwKmTBPCRY5C4QfPvyeicfCYEN65VpyTOsEOT+iOMfI1uXAxFVQNKEUkWloH2gKgqA"
    "7KUNgKO1ZN0JwoJiJxB9XkVFkBJgm7kiiOddzwHgaqf5h/fFFACLghWZyBHp6lSkKaQgSg"
    "Qcu0RAGLj40Lof3Y1Bdgn7798Ybx+7LnUevXZGQdYUW/CHCe19XRd7OICeVTgy9d9DD3D5"
    "gCLz/5iZ/28kune0VBBRQDt+aZezlHKaAtoiO2If2RHOqZfVP7LMJ5uqOqAmGPCe83lnM3"
    "OZktxcUGBTmJnLbAxmkQGRSwbE0Smyq/yIKE3emzyRoMH7EjbSlfuypgxYTydoJE+x8WQ3"
    "gubkVKAq8YHr6JVaU/73qNn627dRD8nsGXg7OOhTCesluvDXHr4j0g5YOwpBSNgAR7UB5F"
    "gOU4xmWgbe0oi/a+iZLBu+qOUp1U5tEkYdzadLk+qnCqbqss5p/6eEPG0TwrxME8K8jA9h"
    "hg0H/r8ZJsW9v9CT0uSbhwatpHSnqT1V1W0APztPgzi7K54Idh7CvFyE723IfP3e6P523B"
    "x3+z3/azHRRp3RiH/sZH5NtEGz9Uvza6eB5uzcZGfhRBuzo7fBXxR2ddhv37fYn3NDVxay"
    "lQO17zzVlCbMaKgsDjFeIjWudHPqES8yMWPw7Tc2cwB+c/Bbw9nVYBLwfMnmddDptL5Jq8"
    "vmnBB5eupc32aeUr16CW9e+MWrZvW+GlOM0ImziEyeWARq0smTrivsT/cYPXJyxVspzVUD"
    "rXRODJnZbJ/RB/SfiI08m+fHG89Sr2ubYn+izl9adJ0TLCLklVzO1itXYLZHremeyA001V"
    "8Rs1SX7qnNKcRTHXT8LLZFHgVvqSkxG5a+RKzrG11XCdZizDSvXAD2Bya4rwXtmnCHXdA3"
    "/f6tz4t90x0H9ur7u5sOU3QCyz0MuGjTGL+syxlbiKB2izaNgshWZEdtGiJbGqbKwVt+lI"
    "QetFdySpMwnXJai/BjO1fqSU5svL5nkwM7HobNhROEM/iQzuAXYpgZWxZ4RIrs/UoPsd/b"
    "cXWVxt1xdRXv74BroQSVLAg7t1cQ3bNU+VhnCflYZ+F8LPaNVmQU+++jfi8uprESCarDVL"
    "bQ/yKVpipSVDS0E8AFMHw6r4vpyV3zn0G4W7f9m6AyCwPcROlRh4zL/vv/A96iKv8="
)
