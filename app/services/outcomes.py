"""Outcome measures of a patient: record a pain rating, an ODI or an NDI at a visit, and read the trends.

They belong to the clinical record: reading needs `notes.view` and is audited, recording needs
`notes.write` and is made in an audited transaction. The answers are encrypted at rest and the
trail names them (and the score) without their values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import NotFound, ValidationFailed
from app.services.outcome_scoring import INSTRUMENT_NAMES, Change, ScoringError, change_since_first, score
from app.services.paging import RECORD_PER_PAGE, Page, read_page
from app.services.patient_lookup import NOT_FOUND
from app.services.users import require
from app.services.validation import Checker
from app.wording import counted
from models.outcomes import Instrument, OutcomeRecord
from models.patients import Patient

_CREATED_FIELDS = ('instrument', 'recorded_on', 'answers', 'score', 'recorded_by_id')
_HIDDEN = hidden_fields(OutcomeRecord)  # the answers and the score (a plain health field) by name only


@dataclass(frozen=True, kw_only=True)
class OutcomeRow:
    """One recorded measure as the patient page shows it."""

    id: UUID
    instrument: Instrument
    recorded_on: date
    answers: Any  # the pain rating, or ten section scores (None = blank)
    score: Decimal | None
    recorded_by: str


@dataclass(frozen=True, kw_only=True)
class TrendPoint:
    """One visit's score on a trend chart (None: too many sections left blank to score)."""

    recorded_on: date
    score: Decimal | None


@dataclass(frozen=True, kw_only=True)
class Trend:
    """One instrument's scores of a patient, oldest first, and the change since the first visit."""

    instrument: Instrument
    title: str
    points: list[TrendPoint]
    change: Change | None


@audit_denials(EntityType.OUTCOME)
async def record_outcome(*, actor: Actor, patient_id: UUID, instrument: Instrument | str, answers: Any,
                         recorded_on: date | None = None) -> OutcomeRow:
    """Score and save one measure taken at a visit; invalid answers save nothing."""
    require(actor, Permission.NOTES_WRITE)
    patient = await _patient(patient_id)
    check = Checker()
    try:
        chosen = Instrument(instrument)
    except ValueError:
        raise ValidationFailed({'instrument': 'Choose pain (NPRS), Oswestry (ODI) or Neck Disability (NDI).'}) \
            from None
    day = recorded_on or clinic_today()
    check.past_date('recorded_on', day, label='visit date', today=clinic_today())
    try:
        result = score(chosen, answers)
    except ScoringError as problem:
        check.errors.update({name: message for name, message in problem.field_errors.items()
                             if name not in check.errors})
    check.raise_if_any()
    stored = answers if chosen is Instrument.NPRS else list(answers)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.OUTCOME,
                            patient_id=patient.uid) as event:
        record = await OutcomeRecord.create(patient=patient, instrument=chosen, recorded_on=day,
                                            answers=json.dumps(stored), score=result.score,
                                            recorded_by_id=actor.user_id)
        event.entity_id = record.id
        event.set_changes(created(snapshot(record, _CREATED_FIELDS), hidden=_HIDDEN))
        if result.note:
            event.set_detail(result.note)
    return _row(record, recorded_by=actor.full_name)


@audit_denials(EntityType.OUTCOME)
async def patient_trends(*, actor: Actor, patient_id: UUID) -> list[Trend]:
    """Return the patient's scores per instrument (only instruments with records), and audit the view.

    Only the plain columns are read (instrument, day, score): the encrypted answers of 500 visits are not
    decrypted to draw three lines; `list_outcomes` pages the records themselves.
    """
    require(actor, Permission.NOTES_VIEW)
    patient = await _patient(patient_id)
    records = await OutcomeRecord.filter(patient_id=patient.id).order_by('recorded_on', 'created_at') \
        .values_list('instrument', 'recorded_on', 'score')
    await audit.view(actor, entity_type=EntityType.OUTCOME, entity_id=patient.uid, patient_id=patient.uid,
                     detail=f'trends of {counted(len(records), "outcome record")}')
    trends = []
    for instrument in Instrument:
        points = [TrendPoint(recorded_on=day, score=_score(value)) for kind, day, value in records
                  if Instrument(kind) is instrument]
        if points:
            trends.append(Trend(instrument=instrument, title=INSTRUMENT_NAMES[instrument], points=points,
                                change=change_since_first(instrument, [point.score for point in points])))
    return trends


@audit_denials(EntityType.OUTCOME)
async def list_outcomes(*, actor: Actor, patient_id: UUID, page: int = 1,
                        per_page: int = RECORD_PER_PAGE) -> Page[OutcomeRow]:
    """One page of the patient's recorded measures, the newest visit first, and audit the view."""
    require(actor, Permission.NOTES_VIEW)
    patient = await _patient(patient_id)
    found = await read_page(OutcomeRecord.filter(patient_id=patient.id), ordering=('-recorded_on', '-created_at'),
                            page=page, per_page=per_page, related=('recorded_by',),
                            row=lambda record: _row(record, recorded_by=record.recorded_by.full_name
                                                    if record.recorded_by else ''))
    await audit.view(actor, entity_type=EntityType.OUTCOME, entity_id=patient.uid, patient_id=patient.uid,
                     detail=found.described('outcome record'))
    return found


def _score(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


async def _patient(patient_id: UUID) -> Patient:
    patient = await Patient.get_or_none(id=patient_id)
    if patient is None:
        raise NotFound(NOT_FOUND)
    return patient


def _row(record: OutcomeRecord, *, recorded_by: str) -> OutcomeRow:
    return OutcomeRow(id=record.id, instrument=Instrument(record.instrument), recorded_on=record.recorded_on,
                      answers=json.loads(record.answers), score=record.score, recorded_by=recorded_by)
