"""Inquiries at the demo clinic: taken at the desk or on the booking page, then registered or closed."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from app.audit.diff import changes_between, created, hidden_fields
from app.audit.events import Action, EntityType, system_actor
from app.demo import texts
from app.demo.day import World
from app.demo.names import REFERRAL_SOURCES, REFERRING_DOCTORS, Person
from app.demo.staff import Member
from app.services.vocabulary import BOOKABLE_TYPES
from models.accounts import Role
from models.clinical import TestKind
from models.inquiries import CommunicationType, Inquiry, InquiryKind, InquiryStatus

ONLINE = system_actor('public-booking')
_KINDS = (InquiryKind.QUICK, InquiryKind.QUICK, InquiryKind.QUICK, InquiryKind.TEST, InquiryKind.ONLINE)
_CONTACTS = (CommunicationType.CALL, CommunicationType.CALL, CommunicationType.WALK_IN, CommunicationType.WHATSAPP)
_HIDDEN = hidden_fields(Inquiry)


def inquiry(world: World, at: datetime, someone: Person, *, branch_id: int, expected: date) -> UUID:
    """A pending inquiry of any kind, with its `create` event (an online one by the booking page)."""
    rng = world.rng
    kind = rng.choice(_KINDS)
    online = kind is InquiryKind.ONLINE
    desk = rng.choice(world.clinic.of(branch_id, Role.RECEPTION))
    details: dict[str, object] = {
        'full_name': someone.full_name, 'phone': someone.phone, 'age_years': someone.age, 'gender': someone.gender,
        'chief_complaint': rng.choice(texts.INQUIRY_WORDS),
        'referral_source': '' if online else rng.choice(REFERRAL_SOURCES),
        'communication_type': CommunicationType.WEB if online else rng.choice(_CONTACTS),
        'expected_visit_date': expected,
    }
    if kind is InquiryKind.TEST:
        details |= {'test_name': rng.choice(tuple(TestKind)), 'referred_by': rng.choice(REFERRING_DOCTORS)}
    if online:
        details |= {'consultation_type': rng.choice(BOOKABLE_TYPES), 'age_years': None, 'gender': None}
    inquiry_id = world.uuid()
    world.rows.add(Inquiry, id=inquiry_id, kind=kind, status=InquiryStatus.PENDING, branch_id=branch_id,
                   created_by_id=None if online else desk.user_id, patient_uid=None, created_at=at, updated_at=at,
                   **details)
    shown = {'kind': kind, 'status': InquiryStatus.PENDING, 'branch_id': branch_id, **details}
    world.event(at, ONLINE if online else desk, action=Action.CREATE, entity_type=EntityType.INQUIRY,
                entity_id=inquiry_id, changes=created(shown, hidden=_HIDDEN),
                detail='Appointment requested on the booking page.' if online else '')
    return inquiry_id


def registered(world: World, inquiry_id: UUID, *, at: datetime, desk: Member, uid: str) -> None:
    """The inquiry marked visited as its person is registered as patient `uid`."""
    world.rows.update(Inquiry, inquiry_id, status=InquiryStatus.VISITED, patient_uid=uid, updated_at=at)
    world.event(at, desk, action=Action.UPDATE, entity_type=EntityType.INQUIRY, entity_id=inquiry_id, patient_id=uid,
                detail=f'Registered as patient {uid}.',
                changes=changes_between({'status': 'pending', 'patient_uid': None},
                                        {'status': 'visited', 'patient_uid': uid}))


def closed(world: World, inquiry_id: UUID, *, at: datetime, status: InquiryStatus, branch_id: int) -> None:
    """Reception marks an inquiry cancelled (or visited, without registering) after the expected day."""
    desk = world.rng.choice(world.clinic.of(branch_id, Role.RECEPTION))
    world.rows.update(Inquiry, inquiry_id, status=status, updated_at=at)
    world.event(at, desk, action=Action.UPDATE, entity_type=EntityType.INQUIRY, entity_id=inquiry_id,
                changes=changes_between({'status': 'pending'}, {'status': status.value}))
