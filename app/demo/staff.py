"""The demo clinic's two branches and its staff: a fixed roster, so the demo logins never change with the seed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.audit.diff import created, hidden_fields, snapshot
from app.audit.events import Action, EntityType, EventDraft, Origin, Who, system_actor
from app.security.passwords import hash_password
from models.accounts import EmployeeProfile, Role, User
from models.clinic import Branch

DEMO_PASSWORD = 'demo-clinic-2026'  # printed at the end: every demo account signs in with it

BRANCHES = (
    {'name': 'Koramangala', 'clinic_name': 'ProSpine Spine & Speech Clinic',
     'address': '42, 1st Floor, 80 Feet Road, Koramangala 4th Block, Bengaluru 560034',
     'phone': '+91 8041234567', 'phone_alt': '+91 98450 12345', 'email': 'koramangala@prospine.example',
     'gstin': '29AAHCP1234K1Z5'},
    {'name': 'Jayanagar', 'clinic_name': 'ProSpine Spine & Speech Clinic',
     'address': '118, 11th Main Road, Jayanagar 4th Block, Bengaluru 560011',
     'phone': '+91 8026634455', 'phone_alt': '+91 99001 23456', 'email': 'jayanagar@prospine.example',
     'gstin': '29AAHCP1234K1Z5'},
)
# (username, full name, role, branch index, job title, phone)
ROSTER = (
    ('anand.rao', 'Dr. Anand Rao', Role.SUPERADMIN, 0, 'Clinic director', '+91 98860 10001'),
    ('shalini.menon', 'Shalini Menon', Role.ADMIN, 0, 'Branch manager', '+91 98860 10002'),
    ('vikram.shetty', 'Dr. Vikram Shetty', Role.DOCTOR, 0, 'Senior physiotherapist', '+91 98860 10003'),
    ('farah.khan', 'Dr. Farah Khan', Role.DOCTOR, 0, 'Speech-language pathologist', '+91 98860 10004'),
    ('rohit.sharma', 'Dr. Rohit Sharma', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10005'),
    ('divya.gowda', 'Divya Gowda', Role.RECEPTION, 0, 'Front office', '+91 98860 10006'),
    ('joseph.dsouza', "Joseph D'Souza", Role.RECEPTION, 0, 'Front office', '+91 98860 10007'),
    ('suresh.iyer', 'Suresh Iyer', Role.ADMIN, 1, 'Branch manager', '+91 98860 10008'),
    ('meera.reddy', 'Dr. Meera Reddy', Role.DOCTOR, 1, 'Senior physiotherapist', '+91 98860 10009'),
    ('arjun.nair', 'Dr. Arjun Nair', Role.DOCTOR, 1, 'Spine physiotherapist', '+91 98860 10010'),
    ('sneha.kulkarni', 'Dr. Sneha Kulkarni', Role.JRDOCTOR, 1, 'Speech therapist', '+91 98860 10011'),
    ('lakshmi.rao', 'Lakshmi Rao', Role.RECEPTION, 1, 'Front office', '+91 98860 10012'),
    ('imran.shaikh', 'Imran Shaikh', Role.RECEPTION, 1, 'Front office', '+91 98860 10013'),
    # More clinicians: four from the start, the others joined as the clinic grew (see JOINED).
    ('priya.natarajan', 'Dr. Priya Natarajan', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10014'),
    ('karthik.hegde', 'Dr. Karthik Hegde', Role.DOCTOR, 0, 'Sports physiotherapist', '+91 98860 10015'),
    ('ananya.bhat', 'Dr. Ananya Bhat', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10016'),
    ('nikhil.joshi', 'Dr. Nikhil Joshi', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10017'),
    ('deepa.pillai', 'Dr. Deepa Pillai', Role.DOCTOR, 0, 'Neuro physiotherapist', '+91 98860 10018'),
    ('rahul.verma', 'Dr. Rahul Verma', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10019'),
    ('swati.mishra', 'Dr. Swati Mishra', Role.JRDOCTOR, 0, 'Speech therapist', '+91 98860 10020'),
    ('kavya.shenoy', 'Dr. Kavya Shenoy', Role.JRDOCTOR, 1, 'Physiotherapist', '+91 98860 10021'),
    ('aditya.kamath', 'Dr. Aditya Kamath', Role.DOCTOR, 1, 'Orthopaedic physiotherapist', '+91 98860 10022'),
    ('nandini.prasad', 'Dr. Nandini Prasad', Role.JRDOCTOR, 1, 'Physiotherapist', '+91 98860 10023'),
    ('harish.gowda', 'Dr. Harish Gowda', Role.JRDOCTOR, 1, 'Physiotherapist', '+91 98860 10024'),
    ('ayesha.siddiqui', 'Dr. Ayesha Siddiqui', Role.JRDOCTOR, 1, 'Speech therapist', '+91 98860 10025'),
    ('sameer.qureshi', 'Dr. Sameer Qureshi', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10026'),
    ('lavanya.iyengar', 'Dr. Lavanya Iyengar', Role.DOCTOR, 0, "Women's health physiotherapist", '+91 98860 10027'),
    ('varun.kini', 'Dr. Varun Kini', Role.JRDOCTOR, 0, 'Physiotherapist', '+91 98860 10028'),
    ('pooja.hiremath', 'Dr. Pooja Hiremath', Role.JRDOCTOR, 1, 'Physiotherapist', '+91 98860 10029'),
    ('tanvi.desai', 'Dr. Tanvi Desai', Role.JRDOCTOR, 1, 'Physiotherapist', '+91 98860 10030'),
)
# Days before the reference day a later clinician joined (a history shorter than that has them from the start):
# about as the patients grew in number, so that the calendar has room for them.
JOINED = {'ananya.bhat': 3350, 'nikhil.joshi': 3000, 'nandini.prasad': 2800, 'deepa.pillai': 2650,
          'sameer.qureshi': 2400, 'harish.gowda': 2250, 'swati.mishra': 2100, 'rahul.verma': 1950,
          'pooja.hiremath': 1700, 'ayesha.siddiqui': 1500, 'lavanya.iyengar': 1350, 'varun.kini': 1000,
          'tanvi.desai': 800}
SPEECH_THERAPISTS = frozenset({'farah.khan', 'sneha.kulkarni', 'swati.mishra', 'ayesha.siddiqui'})
_DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
_TABLET = 'Mozilla/5.0 (Linux; Android 14; SM-X205) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'


@dataclass(frozen=True, kw_only=True)
class Member:
    """One member of staff as the simulation uses them: who they are in the trail and where they sit."""

    user_id: int
    username: str
    full_name: str
    role: Role
    branch_id: int
    origin: Origin
    joined: date  # the first day they work

    @property
    def sees_patients(self) -> bool:
        return self.role in (Role.DOCTOR, Role.JRDOCTOR)

    @property
    def speech(self) -> bool:
        return self.username in SPEECH_THERAPISTS

    def who(self, session_id: int | None) -> Who:
        return Who(user_id=self.user_id, username=self.username, role=self.role.value, branch_id=self.branch_id,
                   session_id=session_id)


@dataclass(frozen=True, kw_only=True)
class Hire:
    """An account a branch's admin made during the history, and the event to write that day."""

    at: datetime
    member: Member
    changes: dict[str, Any]
    detail: str


@dataclass(frozen=True, kw_only=True)
class Clinic:
    """The branches (ids in roster order) and the staff."""

    branch_ids: tuple[int, ...]
    staff: tuple[Member, ...]
    created: int  # how many branches and accounts this run made (the rest existed: a run with --force)
    hires: tuple[Hire, ...] = ()  # accounts made during the history: their events come on that day

    def of(self, branch_id: int, *roles: Role) -> list[Member]:
        return [member for member in self.staff if member.branch_id == branch_id and member.role in roles]

    @property
    def superadmin(self) -> Member:
        return next(member for member in self.staff if member.role is Role.SUPERADMIN)


async def make_clinic(*, opened: datetime, events: list[EventDraft], hired: Mapping[str, datetime]) -> Clinic:
    """Create the branches and staff that do not exist yet (as of `opened`), adding the events that made them.

    As on a real first day: setup makes the first branch and the superadmin, who then adds the
    second branch and everyone else; a clinician in `hired` joins later (the account made at that
    moment, its event handed back to be written on that day, the work starting the day after).
    """
    made = _Made(opened=opened, events=events, hired=hired)
    first = await made.branch(BRANCHES[0], by=system_actor('setup'))
    director = await made.user(ROSTER[0], branch=first, by=system_actor('setup'))
    who = Who(user_id=director.id, username=director.username, role=Role.SUPERADMIN.value,
              branch_id=director.branch_id)
    branches = [first, *[await made.branch(details, by=who) for details in BRANCHES[1:]]]
    users = [director, *[await made.user(entry, branch=branches[entry[3]], by=who) for entry in ROSTER[1:]]]
    staff = tuple(Member(user_id=user.id, username=user.username, full_name=user.full_name, role=user.role,
                         branch_id=user.branch_id, origin=_origin(number, branch_number=entry[3], role=user.role),
                         joined=_first_day(user.created_at, opened))
                  for number, (entry, user) in enumerate(zip(ROSTER, users, strict=True)))
    hires = tuple(Hire(at=moment, member=member, changes=made.later[member.username][0],
                       detail=made.later[member.username][1])
                  for member in staff if (moment := hired.get(member.username)) and member.username in made.later)
    return Clinic(branch_ids=tuple(branch.id for branch in branches), staff=staff, created=made.count, hires=hires)


def _first_day(created_at: datetime, opened: datetime) -> date:
    """An account made before the history works from its first day; one made during it, from the next day."""
    return opened.date() if created_at <= opened else created_at.astimezone(opened.tzinfo).date() + timedelta(days=1)


def _origin(number: int, *, branch_number: int, role: Role) -> Origin:
    """Each member's own device on their branch's network: clinicians carry tablets, the desk has a PC."""
    agent = _TABLET if role in (Role.DOCTOR, Role.JRDOCTOR) else _DESKTOP
    return Origin(f'192.168.{branch_number + 1}.{20 + number}', agent)


@dataclass
class _Made:
    """Creates what is missing, one audited event each, a few seconds apart from the opening moment."""

    opened: datetime
    events: list[EventDraft]
    hired: Mapping[str, datetime]
    count: int = 0
    later: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)  # username -> changes, detail

    def _event(self, who: Who, **values: Any) -> None:
        self.events.append(EventDraft(who=who, origin=Origin(), occurred_at=self.opened + timedelta(
            seconds=30 * len(self.events)), **values))

    async def branch(self, details: dict[str, str], *, by: Who) -> Branch:
        branch = await Branch.get_or_none(name=details['name'])
        if branch is not None:
            return branch
        branch = await Branch.create(**details)
        await Branch.filter(id=branch.id).update(created_at=self.opened, updated_at=self.opened)
        self._event(by, action=Action.CREATE, entity_type=EntityType.BRANCH, entity_id=str(branch.id),
                    changes=created(snapshot(branch, list(details)), hidden=hidden_fields(Branch)))
        self.count += 1
        return branch

    async def user(self, entry: tuple[str, str, Role, int, str, str], *, branch: Branch, by: Who) -> User:
        username, full_name, role, _, job_title, phone = entry
        user = await User.get_or_none(username=username)
        if user is not None:
            return user
        moment = self.hired.get(username, self.opened)
        user = await User.create(username=username, full_name=full_name, role=role, branch=branch,
                                 password_hash=await hash_password(DEMO_PASSWORD), password_changed_at=moment)
        await User.filter(id=user.id).update(created_at=moment, updated_at=moment)
        user.created_at = moment
        await EmployeeProfile.create(user=user, job_title=job_title, phone=phone)
        changes = created(snapshot(user, ('username', 'full_name', 'role', 'branch_id')), hidden=hidden_fields(User))
        detail = f'Demo data created the account {username!r}.'
        if moment > self.opened:
            self.later[username] = (changes, detail)
        else:
            self._event(by, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER, entity_id=str(user.id),
                        changes=changes, detail=detail)
        self.count += 1
        return user
