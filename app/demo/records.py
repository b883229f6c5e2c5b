"""The clinical record of a demo course: medical history, diagnosis, diagnostic test and treatment plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.audit.diff import changes_between, created, hidden_fields
from app.audit.events import Action, EntityType
from app.demo import texts
from app.demo.day import World
from app.demo.names import REFERRING_DOCTORS
from app.demo.visits import Course
from app.services.treatment_plans import DEFAULT_PRICES
from models.clinic import Service
from models.clinical import Diagnosis, DiagnosisStatus, DiagnosticTest, MedicalHistory, TestKind, TestStatus
from models.plans import PlanRevision, PlanStatus, PlanType, TreatmentPlan

_HIDDEN = {model: hidden_fields(model) for model in (Diagnosis, DiagnosticTest, MedicalHistory, TreatmentPlan)}


def history(world: World, course: Course, *, at: datetime) -> None:
    rng = world.rng
    values = {'conditions': rng.choice(texts.CONDITIONS), 'surgeries': rng.choice(texts.SURGERIES),
              'medications': rng.choice(texts.MEDICATIONS), 'allergies': rng.choice(texts.ALLERGIES),
              'red_flags': rng.choice(texts.RED_FLAGS)}
    world.rows.add(MedicalHistory, id=world.uuid(), patient_id=course.patient_id,
                   updated_by_id=course.clinician.user_id, created_at=at, updated_at=at, **values)
    world.event(at, course.clinician, action=Action.CREATE, entity_type=EntityType.MEDICAL_HISTORY,
                entity_id=course.uid,
                patient_id=course.uid, changes=changes_between({}, values, hidden=_HIDDEN[MedicalHistory]))


def diagnose(world: World, course: Course, *, at: datetime) -> None:
    """A diagnosis, active until the course ends (see `resolve`)."""
    description, code = texts.diagnosis(world.rng, course.complaint, speech=course.speech)
    diagnosis_id = world.uuid()
    course.diagnosis_id = diagnosis_id
    world.rows.add(Diagnosis, id=diagnosis_id, patient_id=course.patient_id, description=description, code=code,
                   diagnosed_by_id=course.clinician.user_id, created_at=at, status=DiagnosisStatus.ACTIVE,
                   status_changed_at=None, status_changed_by_id=None, error_reason=None)
    world.event(at, course.clinician, action=Action.CREATE, entity_type=EntityType.DIAGNOSIS, entity_id=diagnosis_id,
                patient_id=course.uid,
                changes=created({'description': description, 'code': code}, hidden=_HIDDEN[Diagnosis]))


def resolve(world: World, course: Course, *, at: datetime) -> None:
    """The course's diagnosis marked resolved at its last visit."""
    by = course.clinician.user_id
    world.rows.update(Diagnosis, course.diagnosis_id, status=DiagnosisStatus.RESOLVED, status_changed_at=at,
                      status_changed_by_id=by)
    world.event(at, course.clinician, action=Action.UPDATE, entity_type=EntityType.DIAGNOSIS,
                entity_id=course.diagnosis_id,
                patient_id=course.uid,
                changes=changes_between({'status': 'active', 'status_changed_at': None, 'status_changed_by_id': None},
                                        {'status': 'resolved', 'status_changed_at': at, 'status_changed_by_id': by}))
    course.diagnosis_id = None


def test(world: World, course: Course, *, at: datetime) -> None:
    """A neurodiagnostic test: most are done and reported, some still requested."""
    rng = world.rng
    kind = rng.choice((TestKind.NCV, TestKind.NCV, TestKind.EMG, TestKind.EEG, TestKind.RNS, TestKind.BERA,
                       TestKind.VEP, TestKind.OTHER))
    done = rng.random() < 0.8
    values: dict[str, Any] = {'kind': kind, 'items': rng.choice(texts.TEST_ITEMS[kind]),
                              'limb': rng.choice(('Both lower limbs', 'Right upper limb', 'Left lower limb', '')),
                              'referred_by': rng.choice(REFERRING_DOCTORS), 'done_by': 'Dr. K. Murthy' if done else '',
                              'status': TestStatus.DONE if done else TestStatus.REQUESTED,
                              'results': rng.choice(texts.TEST_RESULTS) if done else ''}
    test_id = world.uuid()
    world.rows.add(DiagnosticTest, id=test_id, patient_id=course.patient_id, created_by_id=course.clinician.user_id,
                   created_at=at, updated_at=at, **{**values, 'results': values['results'] or None,
                                                    'limb': values['limb'] or None})
    world.event(at, course.clinician, action=Action.CREATE, entity_type=EntityType.DIAGNOSTIC_TEST, entity_id=test_id,
                patient_id=course.uid, changes=created(values, hidden=_HIDDEN[DiagnosticTest]))
    if world.billing is not None:
        world.billing.test(course, test_id, kind=kind, done=done, at=at)


def plan(world: World, course: Course, *, at: datetime, days: int | None = None,
         book: Callable[[UUID, int, int], tuple[int, date, date] | None] | None = None) -> None:
    """A treatment plan at the clinic's usual prices, active until the course ends (see `complete_plan`).

    `book` books its sessions (plan id, sessions, minutes) and says their time and first and last days.
    """
    rng = world.rng
    service = Service.SPEECH_THERAPY if course.speech else Service.PHYSIOTHERAPY
    plan_type = rng.choice((PlanType.DAILY, PlanType.ADVANCE, PlanType.PACKAGE, PlanType.PACKAGE))
    cost_per_day, package_cost, usual_days = DEFAULT_PRICES[(service, plan_type)]
    days = days or min(usual_days, max(6, 3 * course.visits_left + 4))
    price = package_cost if package_cost is not None else (cost_per_day or Decimal(0)) * days
    discount = rng.choice((Decimal(0), Decimal(0), (price * Decimal('0.05')).quantize(Decimal(1))))
    start = at.astimezone(world.tz).date()
    start_minute, minutes = rng.choice((570, 660, 960, 1080)), rng.choice((30, 30, 30, 45, 45, 60))
    end = start + timedelta(days=days - 1)
    plan_id = world.uuid()
    if book is not None and (sessions := book(plan_id, days, minutes)) is not None:
        start_minute, start, end = sessions
        course.series = True
    values: dict[str, Any] = {
        'service': service, 'plan_type': plan_type, 'cost_per_day': cost_per_day, 'package_cost': package_cost,
        'days': days, 'discount': discount, 'discount_approved_by_id': None, 'total': price - discount,
        'start_date': start, 'end_date': end, 'session_start_minute': start_minute, 'session_minutes': minutes,
        'clinician_id': course.clinician.user_id, 'status': PlanStatus.ACTIVE,
    }
    course.plan_id, course.plan_type = plan_id, plan_type
    world.rows.add(TreatmentPlan, id=plan_id, patient_id=course.patient_id, branch_id=course.branch_id,
                   created_by_id=course.clinician.user_id, created_at=at, updated_at=at, **values)
    changes = created(values, hidden=_HIDDEN[TreatmentPlan])
    _revision(world, course, plan_id, at=at, summary='Created', changes=changes)
    world.event(at, course.clinician, action=Action.CREATE, entity_type=EntityType.TREATMENT_PLAN, entity_id=plan_id,
                patient_id=course.uid, changes=changes)
    if world.billing is not None:
        world.billing.plan(course, plan_id, plan_type=plan_type, service=service, cost_per_day=cost_per_day,
                           package_cost=package_cost, days=days, discount=discount, at=at)


def complete_plan(world: World, course: Course, *, at: datetime, plan_id: UUID | None = None) -> None:
    """A plan of the course (its current one by default) marked completed: its row, a revision and the event."""
    plan_id = plan_id or course.plan_id
    changes = changes_between({'status': 'active'}, {'status': 'completed'})
    world.rows.update(TreatmentPlan, plan_id, status=PlanStatus.COMPLETED, updated_at=at)
    _revision(world, course, plan_id, at=at, summary='Marked completed', changes=changes)
    world.event(at, course.clinician, action=Action.UPDATE, entity_type=EntityType.TREATMENT_PLAN,
                entity_id=plan_id,
                patient_id=course.uid, changes=changes)
    if course.plan_id == plan_id:
        course.plan_id = None


def _revision(world: World, course: Course, plan_id: UUID | None, *, at: datetime, summary: str,
              changes: dict[str, Any]) -> None:
    world.rows.add(PlanRevision, id=world.uuid(), plan_id=plan_id, changed_by_id=course.clinician.user_id,
                   changed_at=at, summary=summary, changes=json.dumps(changes, sort_keys=True, ensure_ascii=False))
