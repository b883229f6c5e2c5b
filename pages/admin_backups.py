"""Backups (`/admin/backups`): the last backup, the kept ones, and "Back up now" with its progress."""

from __future__ import annotations

import asyncio
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.backups.archive import BackupError
from app.backups.make import MANUAL, is_running, make_backup
from app.backups.store import BackupFile, human_size, list_backups
from app.config import get_settings
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.tables import column
from components.when import clinic_time

COLUMNS = [column('when', 'Made', nowrap=True), column('kind', 'Kind'), column('size', 'Size', nowrap=True),
           column('name', 'File', wrap='24rem')]
KIND_LABELS = {'daily': 'Daily', 'manual': 'Manual', 'unreadable': 'Unreadable'}
RESTORE_NOTE = ('Restoring is not done here: stop the clinic app, then run `prospine restore <file>` on the server. '
                'Keep the keys folder (data/keys) apart from the backups; a backup cannot be read without it.')


def _row(item: BackupFile) -> dict[str, Any]:
    return {'name': item.name, 'when': clinic_time(item.created) if item.created else 'Unknown',
            'kind': KIND_LABELS.get(item.kind, item.kind), 'size': human_size(item.size)}


@guarded_page('/admin/backups', permission=Permission.BACKUPS_MANAGE, title='Backups', nav_label='Backups',
              nav_icon='backup', nav_order=90)
async def backups_page(actor: Actor) -> None:
    settings = get_settings()
    progress_state: dict[str, Any] = {'stage': '', 'fraction': 0.0}

    def show(files: list[BackupFile]) -> None:
        last.clear()
        with last:
            if not files:
                ui.label('No backup has been made yet.').mark('last-backup')
            else:
                newest = files[0]
                ui.label(f'Last backup: {_row(newest)["when"]}, {KIND_LABELS.get(newest.kind, newest.kind).lower()}, '
                         f'{human_size(newest.size)}').classes('text-subtitle1').mark('last-backup')
        table.rows = [_row(item) for item in files]

    def tick() -> None:
        if bar.visible:
            bar.value = round(progress_state['fraction'], 3)
            stage.text = progress_state['stage']

    @guarded_action(Permission.BACKUPS_MANAGE)
    async def back_up_now(current: Actor) -> None:
        if is_running():
            ui.notify('A backup is already running; wait for it to finish.', type='warning')
            return
        failure.text = ''
        button.disable()
        progress_state.update(stage='Starting', fraction=0.0)
        bar.visible = stage.visible = True
        try:
            result = await make_backup(settings=settings, actor=current, kind=MANUAL,
                                       progress=lambda label, fraction: progress_state.update(stage=label,
                                                                                              fraction=fraction))
        except BackupError as error:
            failure.text = f'The backup failed: {error.message}'
            ui.notify(failure.text, type='negative')
            return
        finally:
            button.enable()
            bar.visible = stage.visible = False
        ui.notify(f'Backup made: {result.path.name} ({human_size(result.size)}).', type='positive')
        show(await asyncio.to_thread(list_backups, settings.backups_dir))

    files = await asyncio.to_thread(list_backups, settings.backups_dir)
    with frame(actor, 'Backups'):
        if not settings.is_sqlite:
            ui.label('This installation keeps its data in PostgreSQL: back it up with pg_dump and copy the keys '
                     'and uploads folders, as the README section "Backups" describes.').mark('postgres-note')
            return
        ui.label(f'A backup is made every day and the newest {settings.backup_keep} are kept in '
                 f'{settings.backups_dir}. Each backup is one encrypted file.').classes('text-body2')
        last = ui.column().classes('gap-0')
        with ui.row().classes('items-center gap-4'):
            button = ui.button('Back up now', icon='backup', on_click=back_up_now).mark('back-up-now')
            stage = ui.label('').classes('text-body2').mark('backup-stage')
        bar = ui.linear_progress(value=0, show_value=False).classes('w-full').mark('backup-progress')
        failure = ui.label('').classes('text-negative').mark('backup-failure')
        table = ui.table(columns=COLUMNS, rows=[], row_key='name', pagination={'rowsPerPage': 20}) \
            .classes('w-full').props('flat bordered wrap-cells').mark('backup-table')
        ui.label(RESTORE_NOTE).classes('text-body2 text-grey-8').mark('restore-note')
        bar.visible = stage.visible = False
        show(files)
        ui.timer(0.25, tick)
