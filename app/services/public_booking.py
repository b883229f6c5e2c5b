"""Appointment requests from the public `/book` page: checked, rate-limited per address, saved as online inquiries.

Nobody signs in here, so the page may learn nothing but the names of the open branches; each
request is audited as a `create` by the `public-booking` system actor, with the client's address.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.audit import Action, EntityType, audit, system_actor
from app.audit.diff import created, hidden_fields, snapshot
from app.clock import clinic_today, utcnow
from app.errors import DomainError
from app.services.inquiries import check_name
from app.services.validation import Checker, is_record_id
from app.services.vocabulary import BOOKABLE_TYPES
from models.clinic import Branch
from models.inquiries import CommunicationType, Inquiry, InquiryKind
from models.registrations import ConsultationType

REQUESTS_PER_WINDOW = 5
WINDOW = timedelta(hours=1)
FURTHEST_DAYS_AHEAD = 180
_ADDRESSES_KEPT = 10_000
TOO_MANY = ('We have received several requests from your connection in the last hour. '
            'Please call the clinic{phones} and we will book your appointment over the phone.')
ACTOR = system_actor('public-booking')


class TooManyRequests(DomainError):
    """The address has sent its allowance of requests for now; the message gives the branches' phones."""

    def __init__(self, branches: list[PublicBranch]) -> None:
        phones = [f'{branch.name} {branch.phone}' for branch in branches if branch.phone]
        super().__init__(TOO_MANY.format(phones=f' ({", ".join(phones)})' if phones else ''))


class BookingThrottle:
    """Times of the recent requests per client address, in memory and bounded."""

    def __init__(self) -> None:
        self._times: OrderedDict[str, deque[datetime]] = OrderedDict()

    def allows(self, address: str, *, now: datetime) -> bool:
        recent = self._recent(address, now=now)
        return len(recent) < REQUESTS_PER_WINDOW

    def count(self, address: str, *, now: datetime) -> None:
        self._recent(address, now=now).append(now)

    def clear(self) -> None:
        self._times.clear()

    def _recent(self, address: str, *, now: datetime) -> deque[datetime]:
        times = self._times.pop(address, None) or deque()
        while times and now - times[0] >= WINDOW:
            times.popleft()
        self._times[address] = times
        while len(self._times) > _ADDRESSES_KEPT:
            self._times.popitem(last=False)
        return times


throttle = BookingThrottle()


@dataclass(frozen=True)
class PublicBranch:
    """A branch as the public may see it: its name and the phone patients call."""

    id: int
    name: str
    phone: str = ''


async def open_branches() -> list[PublicBranch]:
    """The branches a patient may choose from."""
    return [PublicBranch(branch.id, branch.name, branch.phone)
            for branch in await Branch.filter(is_active=True).order_by('name')]


async def request_appointment(*, client_ip: str, full_name: str, phone: str, consultation_type: str | None,
                              condition: str, branch_id: int | None, preferred_date: date | None) -> None:
    """Save a patient's request as an online inquiry for reception, or say why it cannot be taken."""
    now = utcnow()
    if not throttle.allows(client_ip, now=now):
        raise TooManyRequests(await open_branches())
    check = Checker()
    today = clinic_today()
    details = {
        'full_name': check_name(check, full_name),
        'phone': check.phone('phone', phone, required=True),
        'consultation_type': check.choice('consultation_type', consultation_type, ConsultationType,
                                          label='kind of consultation', among=BOOKABLE_TYPES),
        'chief_complaint': check.text('condition', condition, label='condition', required=False,
                                      max_length=1000) or None,
        'expected_visit_date': preferred_date,
    }
    if preferred_date is None:
        check.fail('preferred_date', 'Choose the date you would like to come.')
    elif preferred_date < today:
        check.fail('preferred_date', 'The preferred date cannot be in the past.')
    elif preferred_date > today + timedelta(days=FURTHEST_DAYS_AHEAD):
        check.fail('preferred_date', f'Choose a date within the next {FURTHEST_DAYS_AHEAD} days.')
    if not is_record_id(branch_id) or not await Branch.exists(id=branch_id, is_active=True):
        check.fail('branch', 'Choose the branch you would like to visit.')
    check.raise_if_any()
    throttle.count(client_ip, now=now)
    async with audit.change(ACTOR, action=Action.CREATE, entity_type=EntityType.INQUIRY) as event:
        inquiry = await Inquiry.create(kind=InquiryKind.ONLINE, branch_id=branch_id,
                                       communication_type=CommunicationType.WEB, created_at=now, **details)
        event.entity_id = inquiry.id
        event.set_changes(created(snapshot(inquiry, ['kind', 'branch_id', 'communication_type', *details]),
                                  hidden=hidden_fields(Inquiry)))
        event.set_detail('Appointment requested on the booking page.')
