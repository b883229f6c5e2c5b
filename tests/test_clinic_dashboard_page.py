"""The admin dashboard on the home page: the figures an admin sees, live, and who does not see them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from app.audit import Action, EntityType
from app.clock import clinic_today
from components.design import DARK_CHART_THEME
from models.accounts import Role
from models.accounts import User as StaffUser
from models.audit import AuditEvent
from tests.billing import billing_clinic
from tests.factories import make_branch, make_user, sign_in
from tests.waiting import eventually


def text_of(user: User, marker: str) -> str:
    return user.find(marker=marker).elements.pop().text


def rows_of(user: User, marker: str) -> list[dict[str, Any]]:
    return user.find(marker=marker).elements.pop().rows


async def test_an_admin_sees_the_months_figures_and_a_payment_at_the_desk_updates_them(user: User) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '1500'))
    await bills.pay('500', invoice=invoice, mode='upi')
    await sign_in(user, bills.admin)
    await user.open('/')
    await user.should_see(marker='clinic-figures')
    assert text_of(user, 'period-label') == 'This month: 01 Dec 2026 to 07 Dec 2026'
    assert (text_of(user, 'value-billed'), text_of(user, 'value-collected'), text_of(user, 'value-dues')) == \
        ('₹1,500.00', '₹500.00', '₹1,000.00')
    await user.should_see(marker='echart-collections')  # drawn, not the empty-period line
    await bills.pay('1000', invoice=invoice, mode='cash')  # at the desk, in another client
    await eventually(lambda: text_of(user, 'value-collected') == '₹1,500.00', what='the collected tile following')
    assert text_of(user, 'value-dues') == '₹0.00'
    views = await AuditEvent.filter(action=Action.VIEW, entity_type=EntityType.REPORT).count()
    assert views == 1  # the look is audited; the redraw a payment caused is not another look


async def test_choosing_today_and_a_custom_range_redraws_and_a_backwards_range_is_refused(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.admin)
    await user.open('/')
    await user.should_see(marker='clinic-figures')
    period = user.find(marker='period').elements.pop()
    period.value = 'today'
    await eventually(lambda: text_of(user, 'period-label') == 'Today: 07 Dec 2026', what='the period redrawn')
    period.value = 'custom'
    await user.should_see(marker='period-from')
    user.find(marker='period-from').elements.pop().value = '07/12/2026'
    user.find(marker='period-to').elements.pop().value = '01/12/2026'
    user.find(marker='period-show').click()
    await user.should_see('The last day of the range comes before its first day.')
    assert text_of(user, 'period-label') == 'Today: 07 Dec 2026'  # what was shown stays


async def test_the_superadmin_sees_every_branch_and_can_narrow_to_one(user: User) -> None:
    bills = await billing_clinic()
    await make_branch('Bandra')
    await sign_in(user, await make_user(Role.SUPERADMIN, branch=bills.clinic.branch))
    await user.open('/')
    await user.should_see(marker='branch-figures')
    assert [row['branch'] for row in rows_of(user, 'branch-figures')] == ['Andheri', 'Bandra', 'All branches']
    user.find(marker='dashboard-branch').elements.pop().value = bills.clinic.branch.id
    await user.should_not_see(marker='branch-figures')  # one branch: its figures, no table of branches
    await user.should_see(marker='figure-tiles')


async def test_staff_without_reports_see_no_clinic_figures(user: User) -> None:
    bills = await billing_clinic()
    for member in (bills.clinic.reception, bills.clinic.doctor, bills.clinic.junior):
        await sign_in(user, member)
        await user.open('/')
        await user.should_see(marker='welcome')
        await user.should_not_see(marker='clinic-figures')
        await user.should_not_see('Outstanding dues')


async def test_tapping_a_slice_opens_the_payments_behind_it(user: User) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '1500'))
    receipt = await bills.pay('500', invoice=invoice, mode='upi')
    await sign_in(user, bills.admin)
    await user.open('/')
    await user.should_see(marker='echart-collections')
    user.find(marker='echart-collections').trigger('componentClick', {
        'componentType': 'series', 'seriesType': 'pie', 'seriesIndex': 0, 'seriesName': 'Collected', 'name': 'UPI',
        'dataIndex': 0, 'data': {'name': 'UPI', 'value': 500}, 'dataType': None, 'value': 500})
    await user.should_see('Collections by mode: UPI')
    listed = [f'Receipt {receipt.number} · UPI']
    await eventually(lambda: [row['detail'] for row in rows_of(user, 'figure-list')] == listed,
                     what='the receipt listed')
    assert rows_of(user, 'figure-list')[0]['amount'] == '₹500.00'
    views = await AuditEvent.filter(action=Action.VIEW, entity_type=EntityType.REPORT,
                                    entity_id='dashboard-collections').count()
    assert views == 1


async def test_tapping_a_day_of_the_revenue_line_opens_that_days_invoices(user: User) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '1500'))
    await sign_in(user, bills.admin)
    await user.open('/')
    await user.should_see(marker='echart-over-time')
    day = clinic_today()
    point = day.day - 1  # this month's chart: a point a day from the 1st
    user.find(marker='echart-over-time').trigger('componentClick', {
        'componentType': 'series', 'seriesType': 'line', 'seriesIndex': 0, 'seriesName': 'Billed',
        'name': f'{day:%d %b}', 'dataIndex': point, 'data': 1500, 'dataType': None, 'value': 1500})
    await user.should_see(f'Revenue and collections over time: Billed, {day:%d %b}')
    await eventually(lambda: [row['detail'] for row in rows_of(user, 'figure-list')] == [f'Invoice {invoice.number}'],
                     what='the invoice listed')
    assert rows_of(user, 'figure-list')[0]['amount'] == '₹1,500.00'


async def test_the_charts_follow_the_dark_theme(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '1500'))
    await bills.pay('500', invoice=invoice, mode='upi')
    await StaffUser.filter(id=bills.admin.id).update(dark_mode=True)
    await sign_in(user, bills.admin)
    await user.open('/')
    await user.should_see(marker='echart-collections')
    chart = user.find(marker='echart-collections').elements.pop()
    assert chart.props['theme'] == DARK_CHART_THEME  # drawn dark from the start
    calls: list[tuple[str, Any]] = []
    monkeypatch.setattr(ui.echart, 'run_chart_method',
                        lambda self, name, *args, **_: calls.append((name, *args)))  # what the browser is told
    user.find(marker='header-bar').trigger('dark')
    await eventually(lambda: ('setTheme', {}) in calls, what='the charts told to turn light')
    assert await StaffUser.get(id=bills.admin.id).values_list('dark_mode', flat=True) is False


async def test_charts_left_to_the_browsers_theme_turn_dark_when_the_browser_shows_dark(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '1500'))
    await bills.pay('500', invoice=invoice, mode='upi')
    assert (await StaffUser.get(id=bills.admin.id)).dark_mode is None  # 'auto': the browser's theme
    calls: list[tuple[str, Any]] = []
    monkeypatch.setattr(ui.echart, 'run_chart_method',
                        lambda self, name, *args, **_: calls.append((name, *args)))
    user.javascript_rules[re.compile(r'.*body--dark.*')] = lambda _: True  # a browser set to dark
    await sign_in(user, bills.admin)
    await user.open('/')
    await user.should_see(marker='echart-collections')
    await eventually(lambda: ('setTheme', DARK_CHART_THEME) in calls, what='the charts told to turn dark')
