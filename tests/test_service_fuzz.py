"""Every service entry point, driven with hostile values, answers with a domain error or a result, never a crash.

Each public async function of `app.services` (and the sign-in steps) is called as a signed-in
superadmin with values hypothesis draws from its type hints: very long and unicode text, control
characters and NUL bytes, numbers far outside any column's range, odd dates and decimals. The
only acceptable outcomes are a return value or a `DomainError` (the sentence a person sees). An
`OverflowError`, a Tortoise `ValidationError` or a database error means an input reached a query
unbounded: on the desk that is a failure with no message.
"""

from __future__ import annotations

import collections.abc
import contextlib
import dataclasses
import datetime as dt
import inspect
import types
import typing
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.auth import sign_in
from app.auth.actor import Actor
from app.errors import DomainError
from app.services import (
    account,
    appointments,
    attachments,
    audit_trail,
    billing_documents,
    branches,
    clinic_hours,
    clinical_notes,
    consultations,
    day_closing,
    diagnostic_tests,
    dues,
    employees,
    expenses,
    inquiries,
    invoices,
    medical_history,
    note_queue,
    outcomes,
    patient_access,
    patient_lookup,
    patients,
    payments,
    price_list,
    public_booking,
    record_copy,
    reminders,
    treatment_plans,
    treatment_series,
    two_factor,
    users,
    waitlist,
)
from models.accounts import Role
from tests.factories import actor_of, make_branch, make_patient, make_user

MODULES = (account, attachments, audit_trail, branches, clinical_notes, consultations, diagnostic_tests, employees,
           inquiries, medical_history, note_queue, outcomes, patient_access, patient_lookup, patients,
           public_booking, record_copy, treatment_plans, two_factor, users,
           appointments, clinic_hours, treatment_series, waitlist, reminders,
           invoices, payments, price_list, day_closing, dues, expenses, billing_documents)
# Not fuzzed: the sign-in steps after the first take the user id the first step found, never one from a browser.
SKIPPED = {'sign_in.check_code', 'sign_in.start_session'}
# Helpers other services call with records they have already found (a branch, a connection, an appointment),
# never with values from a browser.
HELPERS = {'appointments.bookable_clinician', 'appointments.hold_calendar', 'appointments.insert',
           'appointments.refuse_clash', 'payments.collection_day', 'payments.lock_branch',
           'price_list.ensure_price_list', 'treatment_series.sessions_attended', 'appointments.reloaded_row',
           'clinic_hours.branch_timetable', 'clinic_hours.clinician_timetable', 'clinic_hours.clinician_timetables',
           'clinic_hours.closures_between', 'treatment_series.free_starts', 'price_list.price_by_code',
           'billing_documents.document_clinic'}

HUGE = 2 ** 70
hostile_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec='utf-8'), min_size=50, max_size=400),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=20),
    st.builds(lambda unit, times: unit * times, st.sampled_from(['a', '9', '-', '%', '_', 'अ', '🩺', '\x00']),
              st.sampled_from([17, 41, 65, 201, 5_000, 100_000])),
    st.sampled_from(['261201-1', '261201-99999999999999999999', "' OR 1=1 --", '%', '_', '\\', 'NaN', '-1']),
)
hostile_int = st.one_of(st.integers(-3, 3), st.integers(-HUGE, HUGE), st.sampled_from([2 ** 31, 2 ** 63, -2 ** 63]))
hostile_decimal = st.one_of(st.decimals(allow_nan=True, allow_infinity=True), st.sampled_from(
    [Decimal('1e30'), Decimal('-0.001'), Decimal('99999999999999999999.99')]))
ENTRY_POINTS: list[tuple[str, Callable[..., Any]]] = [
    (f'{module.__name__.rsplit(".", 1)[1]}.{name}', function)
    for module in (*MODULES, sign_in)
    for name, function in inspect.getmembers(module, inspect.iscoroutinefunction)
    if function.__module__ == module.__name__ and not name.startswith('_')
]
ENTRY_POINTS = [(name, function) for name, function in ENTRY_POINTS if name not in SKIPPED | HELPERS]


def strategy_for(hint: Any, *, name: str) -> st.SearchStrategy[Any] | None:
    """Values of a type hint, as hostile as the type allows; None when the parameter cannot be fuzzed."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [strategy_for(arg, name=name) for arg in typing.get_args(hint) if arg is not type(None)]
        options = [option for option in options if option is not None]
        if not options:
            return None
        return st.one_of(st.none(), *options) if type(None) in typing.get_args(hint) else st.one_of(*options)
    if origin in (list, tuple, set, frozenset, typing.Sequence, typing.Iterable, collections.abc.Sequence,
                  collections.abc.Collection, collections.abc.Iterable, collections.abc.Set):
        inner = strategy_for((typing.get_args(hint) or (str,))[0], name=name)
        return None if inner is None else st.lists(inner, max_size=3)
    if origin in (dict, collections.abc.Mapping):
        keys = strategy_for((typing.get_args(hint) or (str,))[0], name=name)
        values = st.one_of(hostile_text, hostile_int, st.none())
        return st.dictionaries(hostile_text if keys is None else keys, values, max_size=3)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(hint))
    if hint is bool:
        return st.booleans()
    if hint is int:
        return hostile_int
    if hint is float:
        return st.one_of(st.floats(), hostile_int.map(float))
    if hint is Decimal:
        return hostile_decimal
    if hint is str:
        return hostile_text
    if hint is bytes:
        return st.binary(max_size=64)
    if hint is dt.date:
        return st.dates()
    if hint is dt.datetime:
        return st.datetimes(timezones=st.just(dt.UTC))
    if hint is dt.time:
        return st.times()
    if hint is uuid.UUID:
        return st.uuids()
    if hint is object or hint is Any:
        return st.one_of(hostile_text, hostile_int, st.none())
    if inspect.isclass(hint) and issubclass(hint, str):  # a StrEnum: its members or any text
        return st.one_of(st.sampled_from(list(hint)), hostile_text)
    if dataclasses.is_dataclass(hint):
        fields = typing.get_type_hints(hint)
        built = {field.name: strategy_for(fields[field.name], name=field.name) for field in dataclasses.fields(hint)
                 if field.init}
        if any(value is None for value in built.values()):
            return None
        return st.builds(hint, **built)
    return None


def arguments_for(function: Callable[..., Any]) -> dict[str, st.SearchStrategy[Any]] | None:
    hints = typing.get_type_hints(function)
    drawn: dict[str, st.SearchStrategy[Any]] = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == 'actor':
            continue
        strategy = strategy_for(hints.get(parameter.name, str), name=parameter.name)
        if strategy is None:
            if parameter.default is inspect.Parameter.empty:
                return None
            continue
        drawn[parameter.name] = strategy
    return drawn


FUZZABLE = [(name, function) for name, function in ENTRY_POINTS if arguments_for(function) is not None]


def test_the_fuzzer_reaches_almost_every_entry_point() -> None:
    missed = sorted(name for name, function in ENTRY_POINTS if arguments_for(function) is None)
    assert len(FUZZABLE) >= 80, f'only {len(FUZZABLE)} entry points are fuzzed; missed: {missed}'
    assert len(missed) <= 5, missed


@pytest.fixture
async def superadmin(db: None) -> Actor:
    branch = await make_branch('Andheri')
    await make_patient('261201-1', branch=branch)
    return await actor_of(await make_user(Role.SUPERADMIN, branch=branch))


@pytest.mark.parametrize(('name', 'function'), FUZZABLE, ids=[name for name, _ in FUZZABLE])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
async def test_hostile_values_get_a_message_or_a_result(superadmin: Actor, name: str,
                                                        function: Callable[..., Any], data: st.DataObject) -> None:
    strategies = arguments_for(function)
    assert strategies is not None
    arguments = {parameter: data.draw(strategy, label=parameter) for parameter, strategy in strategies.items()}
    if 'actor' in inspect.signature(function).parameters:
        arguments['actor'] = superadmin
    with contextlib.suppress(DomainError):  # a sentence for the person at the desk: the right answer to bad input
        await function(**arguments)
