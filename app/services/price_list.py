"""Each branch's price list: what the desk bills from, with the SAC/HSN code and GST rate of every item.

A branch starts with the clinic's usual prices (`USUAL_PRICES`), written the first time its list
is read, so a new branch bills at once; admins (`billing.approve`) change prices, codes and rates.
Healthcare by a clinical establishment is exempt from GST (SAC 999314 physiotherapy and other
health services, 999316 diagnostic tests), so a rate of 0 is the normal case; goods sold at the
desk (a brace, a belt) carry their HSN code and rate.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.money import format_money
from app.services.branches import working_branch
from app.services.users import require
from app.services.validation import Checker, is_record_id
from models.billing import PriceItem, PriceKind
from models.clinic import Branch, Service
from models.registrations import ConsultationType

HEALTHCARE_SAC = '999314'  # physiotherapy and other human health services
DIAGNOSTIC_SAC = '999316'  # diagnostic and laboratory services
CONSULTATION_PRICES = {ConsultationType.IN_CLINIC: 'consultation-in-clinic',
                       ConsultationType.HOME_VISIT: 'consultation-home-visit',
                       ConsultationType.ONLINE: 'consultation-online',
                       ConsultationType.SPEECH_THERAPY: 'consultation-speech-therapy'}  # the price item of each
GST_RATES = (Decimal(0), Decimal(5), Decimal(12), Decimal(18), Decimal(28))
KIND_LABELS = {PriceKind.CONSULTATION: 'Consultation', PriceKind.SESSION: 'Session', PriceKind.PACKAGE: 'Package',
               PriceKind.TEST: 'Diagnostic test', PriceKind.PRODUCT: 'Product', PriceKind.OTHER: 'Other'}
PRICE_NOT_FOUND = 'That price could not be found.'
_PHYSIO, _SPEECH = Service.PHYSIOTHERAPY, Service.SPEECH_THERAPY


@dataclass(frozen=True, kw_only=True)
class UsualPrice:
    code: str
    name: str
    kind: PriceKind
    price: Decimal
    service: Service | None = None
    sac: str = HEALTHCARE_SAC
    tax_rate: Decimal = Decimal(0)
    sessions: int | None = None


# The clinic's prices today (the plan form's defaults and the current system's fees).
USUAL_PRICES = (
    UsualPrice(code='consultation-in-clinic', name='Consultation (in clinic)', kind=PriceKind.CONSULTATION,
               price=Decimal(500)),
    UsualPrice(code='consultation-home-visit', name='Consultation (home visit)', kind=PriceKind.CONSULTATION,
               price=Decimal(1000)),
    UsualPrice(code='consultation-online', name='Consultation (online)', kind=PriceKind.CONSULTATION,
               price=Decimal(400)),
    UsualPrice(code='consultation-speech-therapy', name='Consultation (speech therapy)', kind=PriceKind.CONSULTATION,
               price=Decimal(500), service=_SPEECH),
    UsualPrice(code='physiotherapy-daily', name='Physiotherapy session', kind=PriceKind.SESSION, price=Decimal(600),
               service=_PHYSIO),
    UsualPrice(code='physiotherapy-advance', name='Physiotherapy session (advance rate)', kind=PriceKind.SESSION,
               price=Decimal(1000), service=_PHYSIO),
    UsualPrice(code='speech-therapy-daily', name='Speech therapy session', kind=PriceKind.SESSION, price=Decimal(600),
               service=_SPEECH),
    UsualPrice(code='speech-therapy-advance', name='Speech therapy session (advance rate)', kind=PriceKind.SESSION,
               price=Decimal(1000), service=_SPEECH),
    UsualPrice(code='physiotherapy-package-21', name='Physiotherapy package, 21 sessions', kind=PriceKind.PACKAGE,
               price=Decimal(30000), service=_PHYSIO, sessions=21),
    UsualPrice(code='speech-therapy-package-26', name='Speech therapy package, 26 sessions', kind=PriceKind.PACKAGE,
               price=Decimal(11000), service=_SPEECH, sessions=26),
    *(UsualPrice(code=f'test-{kind.lower()}', name=f'{kind} test', kind=PriceKind.TEST, price=price, sac=DIAGNOSTIC_SAC)
      for kind, price in (('EEG', Decimal(2500)), ('NCV', Decimal(3000)), ('EMG', Decimal(3500)),
                          ('RNS', Decimal(2500)), ('BERA', Decimal(2000)), ('VEP', Decimal(2000)))),
    UsualPrice(code='test-other', name='Other diagnostic test', kind=PriceKind.TEST, price=Decimal(1500),
               sac=DIAGNOSTIC_SAC),
    UsualPrice(code='lumbar-belt', name='Lumbar support belt', kind=PriceKind.PRODUCT, price=Decimal(1200),
               sac='9021', tax_rate=Decimal(5)),
    UsualPrice(code='cervical-collar', name='Cervical collar', kind=PriceKind.PRODUCT, price=Decimal(450),
               sac='9021', tax_rate=Decimal(5)),
)


@dataclass(frozen=True, kw_only=True)
class PriceRow:
    id: int
    code: str
    name: str
    kind: PriceKind
    service: Service | None
    sac: str
    tax_rate: Decimal
    price: Decimal
    sessions: int | None
    is_active: bool

    @property
    def label(self) -> str:
        """How the desk picks it: 'Physiotherapy session · ₹600.00'."""
        return f'{self.name} · {format_money(self.price)}'


@dataclass(frozen=True, kw_only=True)
class PriceInput:
    """What the price form sends, as typed."""

    name: str
    price: Any
    sac: str = HEALTHCARE_SAC
    tax_rate: Any = 0
    is_active: bool = True


async def price_list(*, actor: Actor, branch_id: int | None = None, active_only: bool = True) -> list[PriceRow]:
    """The branch's prices (the actor's branch unless the superadmin names another), written first if new."""
    require(actor, Permission.BILLING_VIEW)
    branch = await working_branch(actor, branch_id)
    await ensure_price_list(branch)
    items = PriceItem.filter(branch_id=branch.id)
    if active_only:
        items = items.filter(is_active=True)
    return [_row(item) for item in await items.order_by('kind', 'name')]


async def ensure_price_list(branch: Branch) -> None:
    """Give a branch the clinic's usual prices the first time its list is needed."""
    if await PriceItem.filter(branch_id=branch.id).exists():
        return
    with contextlib.suppress(IntegrityError):  # another desk wrote them a moment ago
        await PriceItem.bulk_create([PriceItem(branch_id=branch.id, code=usual.code, name=usual.name, kind=usual.kind,
                                               service=usual.service, sac=usual.sac, tax_rate=usual.tax_rate,
                                               price=usual.price, sessions=usual.sessions)
                                     for usual in USUAL_PRICES])


async def price_by_code(branch_id: int, code: str) -> PriceItem | None:
    branch = await Branch.get(id=branch_id)
    await ensure_price_list(branch)
    return await PriceItem.get_or_none(branch_id=branch_id, code=code)


@audit_denials(EntityType.PRICE_LIST, refused_action=Action.UPDATE)
async def update_price(*, actor: Actor, price_id: int, details: PriceInput) -> PriceRow:
    """Change an item's name, price, SAC/HSN code, GST rate or whether the desk offers it."""
    require(actor, Permission.BILLING_APPROVE)
    item = await PriceItem.get_or_none(id=price_id) if is_record_id(price_id) else None
    if item is None or not actor.may_work_in(item.branch_id):
        raise NotFound(PRICE_NOT_FOUND)
    check = Checker()
    name = check.text('name', details.name, label='name as the bill prints it', max_length=120)
    price = check.money('price', details.price, label='price')
    sac = (details.sac or '').strip()
    if not sac.isdigit() or not 4 <= len(sac) <= 8:
        check.fail('sac', 'A SAC or HSN code is 4 to 8 digits, like 999314.')
    rate = tax_rate(check, details.tax_rate)
    check.raise_if_any()
    values = {'name': name, 'price': price, 'sac': sac, 'tax_rate': rate, 'is_active': bool(details.is_active)}
    before = {key: str(getattr(item, key)) for key in values}
    changes = {key: [before[key], str(value)] for key, value in values.items() if before[key] != str(value)}
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.PRICE_LIST, entity_id=item.id) as event:
        await PriceItem.filter(id=item.id).update(**values)
        event.set_changes(changes)
        event.set_detail(f'{name}: {format_money(price or 0)}' if changes else 'Nothing changed.')
    return _row(await PriceItem.get(id=item.id))


def tax_rate(check: Checker, value: object, *, field: str = 'tax_rate') -> Decimal:
    """A GST rate as typed ('0', '5', '12 %'); only the rates GST has."""
    text = str(value if value is not None else '0').strip().rstrip('%').strip() or '0'
    try:
        rate = Decimal(text)
    except ArithmeticError:
        rate = None
    if rate is None or rate not in GST_RATES:
        check.fail(field, 'Choose a GST rate of 0, 5, 12, 18 or 28 percent (0 for healthcare, which is exempt).')
        return Decimal(0)
    return rate.quantize(Decimal('0.01'))



def _row(item: PriceItem) -> PriceRow:
    return PriceRow(id=item.id, code=item.code, name=item.name, kind=item.kind, service=item.service, sac=item.sac,
                    tax_rate=item.tax_rate, price=item.price, sessions=item.sessions, is_active=item.is_active)
