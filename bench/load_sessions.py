"""Sign in staff for the load bench: real sessions for N members of staff, roles in proportion, and patients to open.

Run as `python -m bench.load_sessions N [BRANCH_ID]` with the PROSPINE_* variables of the server about to start.
Prints {"staff": [{"username", "role", "token", "user_id", "branch_id"}], "patients": [UID], "searches": [word],
"busiest": UID, "lightest": UID, "dues": {BRANCH_ID: [invoice number]}} as JSON (the patient with the most
consultations, and one with the fewest visits and notes, None in a clinic with no consultations; per branch of the
staff signed in, its newest invoices with something due, up to 500). With BRANCH_ID only that branch's staff sign
in, and only the roles it has.
The sessions are new rows in the clinic's database; nothing else is written.
"""

from __future__ import annotations

import asyncio
import json
import sys
from itertools import cycle

from tortoise import connections

from app.auth import sessions
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from models.accounts import Role, User
from models.billing import Invoice, InvoiceKind, InvoiceStatus
from models.patients import Patient

# The demo roster's mix (4 reception, 4 doctors, 2 junior doctors, 2 admins): each round of six seats is this
# (in this order, so that even 4 staff hold every role).
ROUND = (Role.RECEPTION, Role.DOCTOR, Role.ADMIN, Role.JRDOCTOR, Role.RECEPTION, Role.DOCTOR)
PATIENTS = 200
DUES = 500  # invoices with something due, per branch, for the bench's payments


async def sign_in(count: int, branch_id: int | None = None) -> dict:
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        where = {} if branch_id is None else {'branch_id': branch_id}
        available = {role: await User.filter(role=role, is_active=True, must_change_password=False,
                                             totp_enabled=False, **where).order_by('id')
                     for role in set(ROUND)}
        missing = sorted(role.value for role, members in available.items() if not members)
        if missing and (branch_id is None or len(missing) == len(available)):
            raise SystemExit(f'no staff who can sign in without two-factor with the role {", ".join(missing)}'
                             + (f' in branch {branch_id}' if branch_id is not None else ''))
        users = {role: cycle(members) for role, members in available.items() if members}
        staff = []
        for seat, role in zip(range(count), cycle(role for role in ROUND if role in users), strict=False):
            user = next(users[role])
            token = await sessions.issue(user=user, ip='127.0.0.1', user_agent=f'bench.load seat {seat}')
            staff.append({'username': user.username, 'role': role.value, 'token': token, 'user_id': user.id,
                          'branch_id': user.branch_id})
        everyone = await Patient.all().order_by('uid').values_list('uid', 'name_key')
        rows = everyone[::max(1, len(everyone) // PATIENTS)]
        connection = connections.get('default')
        busiest = await connection.execute_query_dict(
            'SELECT p.uid AS uid FROM patient p JOIN registration r ON r.patient_id = p.id GROUP BY p.uid '
            'ORDER BY COUNT(*) DESC LIMIT 1')
        lightest = await connection.execute_query_dict(
            'SELECT p.uid AS uid FROM patient p ORDER BY '
            '(SELECT COUNT(*) FROM registration r WHERE r.patient_id = p.id) + '
            '(SELECT COUNT(*) FROM clinical_note n WHERE n.patient_id = p.id), p.uid LIMIT 1')
        return {'staff': staff, 'patients': [uid for uid, _ in rows],
                'searches': sorted({name.split()[0] for _, name in rows if name}),
                'busiest': busiest[0]['uid'] if busiest else None,
                'lightest': lightest[0]['uid'] if lightest else None,
                'dues': {branch: await _dues(branch) for branch in sorted({person['branch_id'] for person in staff})}}
    finally:
        await close_database()


async def _dues(branch_id: int) -> list[str]:
    """The branch's newest invoices that still have something due (issued, or partly paid)."""
    return list(await Invoice.filter(kind=InvoiceKind.INVOICE, branch_id=branch_id,
                                     status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID))
                .order_by('-issued_on', '-serial').limit(DUES).values_list('number', flat=True))


if __name__ == '__main__':
    print(json.dumps(asyncio.run(sign_in(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None))))
