"""Branches as administrators manage them: list, create, edit, close and reopen, and their logos.

Only the superadmin opens or closes branches; an admin edits their own branch. Every change is
made in an audited transaction (`audit.change`) that records what changed.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from tortoise.exceptions import IntegrityError

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.config import get_settings
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services.changes import save_changes
from app.services.document_numbers import code_problem
from app.services.uploads import MEDIA_TYPES, image_kind, shown_name, size_problem
from app.services.users import require
from app.services.validation import Checker, is_record_id
from app.wording import counted
from models.accounts import User
from models.billing import DocumentSerial
from models.clinic import Branch

NOT_FOUND = 'That branch could not be found.'
_UPI_ID = re.compile(r'^[A-Za-z0-9.\-_]{2,200}@[A-Za-z][A-Za-z0-9]{1,63}$')
LOGO_MAX_BYTES = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class BranchRow:
    """One branch as the branch list shows it."""

    id: int
    name: str
    clinic_name: str
    address: str
    phone: str
    phone_alt: str
    email: str
    gstin: str
    logo_file: str | None
    is_active: bool
    document_code: str = ''  # starts the branch's invoice numbers: AND/26-27/00123
    upi_id: str = ''  # the UPI id bills' QR codes pay to


def _row(branch: Branch) -> BranchRow:
    return BranchRow(id=branch.id, name=branch.name, clinic_name=branch.clinic_name, address=branch.address,
                     phone=branch.phone, phone_alt=branch.phone_alt, email=branch.email, gstin=branch.gstin,
                     logo_file=branch.logo_file, is_active=branch.is_active, document_code=branch.document_code or '',
                     upi_id=branch.upi_id)


@audit_denials(EntityType.BRANCH)
async def list_branches(*, actor: Actor, include_closed: bool = True) -> list[BranchRow]:
    """List the branches the actor may see: their own, or all of them for the superadmin."""
    require(actor, Permission.BRANCHES_VIEW)
    query = Branch.all() if actor.is_superadmin else Branch.filter(id=actor.branch_id)
    if not include_closed:
        query = query.filter(is_active=True)
    return [_row(branch) for branch in await query]


async def branch_choices(*, actor: Actor) -> dict[int, str]:
    """The open branches a superadmin's screens let them choose between (id: name); none for anyone else,
    whose screens are their own branch's."""
    if not actor.is_superadmin:
        return {}
    return {row.id: row.name for row in await list_branches(actor=actor, include_closed=False)}


@audit_denials(EntityType.BRANCH)
async def get_branch(*, actor: Actor, branch_id: int) -> BranchRow:
    """Return one branch the actor may see."""
    require(actor, Permission.BRANCHES_VIEW)
    return _row(await _reachable(actor, branch_id))


@audit_denials(EntityType.BRANCH)
async def create_branch(*, actor: Actor, name: str, clinic_name: str, address: str = '', phone: str = '',
                        phone_alt: str = '', email: str = '', gstin: str = '') -> BranchRow:
    """Open a new branch (superadmin only)."""
    require(actor, Permission.BRANCHES_CREATE)
    details = await _check_details(name=name, clinic_name=clinic_name, address=address, phone=phone,
                                   phone_alt=phone_alt, email=email, gstin=gstin)
    try:
        async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.BRANCH) as event:
            await _refuse_taken_name(details['name'])
            branch = await Branch.create(**details)
            event.entity_id = branch.id
            event.set_changes(created(snapshot(branch, details), hidden=hidden_fields(Branch)))
    except IntegrityError:  # another branch took the name in the meantime
        raise ValidationFailed({'name': _taken(details['name'])}) from None
    return _row(branch)


@audit_denials(EntityType.BRANCH)
async def update_branch(*, actor: Actor, branch_id: int, name: str, clinic_name: str, address: str, phone: str,
                        phone_alt: str, email: str, gstin: str) -> BranchRow:
    """Change a branch's details: its name, and what its letterheads and bills print."""
    require(actor, Permission.BRANCHES_MANAGE)
    await _reachable(actor, branch_id)
    details = await _check_details(name=name, clinic_name=clinic_name, address=address, phone=phone,
                                   phone_alt=phone_alt, email=email, gstin=gstin, branch_id=branch_id)
    try:
        async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.BRANCH,
                                entity_id=branch_id) as event:
            branch = await _reachable(actor, branch_id)
            await _refuse_taken_name(details['name'], branch_id=branch_id)
            await save_changes(event, branch, **details)
    except IntegrityError:
        raise ValidationFailed({'name': _taken(details['name'])}) from None
    return _row(await _reachable(actor, branch_id))


@audit_denials(EntityType.BRANCH)
@audit_denials(EntityType.BRANCH)
async def set_billing_details(*, actor: Actor, branch_id: int, document_code: str, upi_id: str) -> BranchRow:
    """The code that starts the branch's document numbers, and the UPI id its bills' QR codes pay to.

    The code is fixed once a document has been numbered with it: a financial year's invoices keep one series.
    """
    require(actor, Permission.BRANCHES_MANAGE)
    branch = await _reachable(actor, branch_id)
    check = Checker()
    code = (document_code or '').strip().upper()
    if code and (problem := code_problem(code)):
        check.fail('document_code', problem)
    elif code and await Branch.filter(document_code=code).exclude(id=branch.id).exists():
        check.fail('document_code', f'{code} already starts the numbers of another branch. Choose another code.')
    elif branch.document_code and code != branch.document_code and \
            await DocumentSerial.filter(branch_id=branch.id).exists():
        check.fail('document_code', f'Documents are already numbered {branch.document_code}/...: the code can no '
                                    'longer change.')
    upi = (upi_id or '').strip()
    if upi and not _UPI_ID.match(upi):
        check.fail('upi_id', 'A UPI id looks like clinicname@okaxis.')
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.BRANCH, entity_id=branch.id) as event:
        await save_changes(event, branch, document_code=code or None, upi_id=upi)
        event.set_detail(f'Billing details: code {code or "(from the name)"}, UPI id {upi or "(none)"}')
    return _row(await _reachable(actor, branch_id))


async def set_branch_active(*, actor: Actor, branch_id: int, active: bool) -> None:
    """Close or reopen a branch (superadmin only); a branch with active staff stays open."""
    require(actor, Permission.BRANCHES_CREATE)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.BRANCH, entity_id=branch_id) as event:
        branch = await _reachable(actor, branch_id)
        if not active and (staff := await User.filter(branch_id=branch_id, is_active=True).count()):
            raise DomainError(f'This branch still has {counted(staff, "active staff member")}. '
                              'Move or deactivate them first.')
        await save_changes(event, branch, is_active=active)
        event.set_detail('Branch reopened.' if active else 'Branch closed.')


@dataclass(frozen=True)
class Logo:
    """A branch logo as stored: its media type and bytes."""

    media_type: str
    content: bytes


def logos_dir() -> Path:
    return get_settings().uploads_dir / 'logos'


def logo_size_problem(size: int, filename: str) -> str | None:
    """Say why a file of this size cannot be a logo, or None."""
    return size_problem(size, filename, max_bytes=LOGO_MAX_BYTES, noun='logo', choose='a PNG, JPEG or WebP image')


@audit_denials(EntityType.BRANCH)
async def save_logo(*, actor: Actor, branch_id: int, content: bytes, filename: str) -> BranchRow:
    """Store a new logo for a branch under a random name and remove the old one."""
    require(actor, Permission.BRANCHES_MANAGE)
    await _reachable(actor, branch_id)
    problem = logo_size_problem(len(content), filename)
    kind = image_kind(content)
    if problem is None and kind is None:
        problem = f'"{shown_name(filename)}" is not a PNG, JPEG or WebP image.'
    if problem is not None or kind is None:
        raise ValidationFailed({'logo': problem or ''})
    folder = logos_dir()
    new_name = f'{secrets.token_hex(16)}.{kind}'
    await asyncio.to_thread(_write_file, folder / new_name, content)
    try:
        async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.BRANCH,
                                entity_id=branch_id) as event:
            branch = await _reachable(actor, branch_id)
            old_name = branch.logo_file
            await save_changes(event, branch, logo_file=new_name)
            event.set_detail(f'New logo from "{shown_name(filename)}".')
    except BaseException:
        (folder / new_name).unlink(missing_ok=True)
        raise
    if old_name:
        (folder / Path(old_name).name).unlink(missing_ok=True)
    return _row(await _reachable(actor, branch_id))


@audit_denials(EntityType.BRANCH)
async def load_logo(*, actor: Actor, branch_id: int) -> Logo | None:
    """Return a branch's logo, or None when it has none (or the file has gone)."""
    require(actor, Permission.BRANCHES_VIEW)
    branch = await _reachable(actor, branch_id)
    if not branch.logo_file:
        return None
    path = logos_dir() / Path(branch.logo_file).name
    kind = path.suffix.removeprefix('.')
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except FileNotFoundError:
        return None
    return Logo(MEDIA_TYPES.get(kind, 'application/octet-stream'), content)


def _write_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


async def working_branch(actor: Actor, branch_id: int | None = None) -> Branch:
    """The branch a screen works in: the actor's own, or the one a superadmin chose; another is not found."""
    chosen = actor.branch_id if branch_id is None else branch_id
    branch = await Branch.get_or_none(id=chosen) if is_record_id(chosen) else None
    if branch is None or not actor.may_work_in(branch.id):
        raise NotFound('That branch could not be found.')
    return branch


async def _reachable(actor: Actor, branch_id: int) -> Branch:
    branch = await Branch.get_or_none(id=branch_id) if is_record_id(branch_id) else None
    if branch is None:
        raise NotFound(NOT_FOUND)
    if not actor.may_work_in(branch_id):
        raise PermissionDenied('You can only manage your own branch.')
    return branch


async def _check_details(*, name: str, clinic_name: str, address: str, phone: str, phone_alt: str, email: str,
                         gstin: str, branch_id: int | None = None) -> dict[str, str]:
    check = Checker()
    details = {
        'name': check.text('name', name, label='branch name', max_length=80),
        'clinic_name': check.text('clinic_name', clinic_name, label='clinic name', max_length=120),
        'address': check.text('address', address, label='address', required=False, max_length=500),
        'phone': check.phone('phone', phone),
        'phone_alt': check.phone('phone_alt', phone_alt),
        'email': check.email('email', email),
        'gstin': check.gstin('gstin', gstin),
    }
    if 'name' not in check.errors and await _name_taken(details['name'], branch_id=branch_id):
        check.fail('name', _taken(details['name']))
    check.raise_if_any()
    return details


async def _name_taken(name: str, *, branch_id: int | None) -> bool:
    query = Branch.filter(name__iexact=name)
    if branch_id is not None:
        query = query.exclude(id=branch_id)
    return await query.exists()


async def _refuse_taken_name(name: str, *, branch_id: int | None = None) -> None:
    if await _name_taken(name, branch_id=branch_id):
        raise ValidationFailed({'name': _taken(name)})


def _taken(name: str) -> str:
    return f'A branch named "{name}" already exists. Choose another name.'
