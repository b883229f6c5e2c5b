"""Attachment pieces the clinical sections share: the upload box, the file list and the preview dialog."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from nicegui import events, ui

from app.auth.actor import Actor
from app.errors import DomainError, ValidationFailed
from app.services import attachments
from app.services.attachments import AttachmentView
from app.services.uploads import MEGABYTE
from components.guard import guarded_action
from components.upload_rejections import explain_rejections
from components.when import clinic_time
from models.clinical import AttachmentKind

KIND_LABELS = {AttachmentKind.REPORT: 'Report', AttachmentKind.IMAGING: 'Imaging', AttachmentKind.PRESCRIPTION:
               'Prescription', AttachmentKind.OTHER: 'Other'}


def upload_box(*, permission: str, patient_uid: str, on_saved: Callable[[Actor], Awaitable[None]],
               test_id: UUID | None = None, marker: str = 'attachment-upload') -> None:
    """A kind picker and an upload box; a refused file shows why and leaves nothing behind."""

    @guarded_action(permission)
    async def uploaded(current: Actor, event: events.UploadEventArguments) -> None:
        try:
            if problem := attachments.size_problem(event.file.size(), event.file.name):
                raise ValidationFailed({'file': problem})
            await attachments.save_attachment(actor=current, patient_uid=patient_uid, content=await event.file.read(),
                                              filename=event.file.name, kind=AttachmentKind(kind.value),
                                              test_id=test_id)
        except ValidationFailed as error:
            ui.notify(next(iter(error.field_errors.values()), error.message), type='negative')
            return
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return
        finally:
            upload.reset()
        ui.notify(f'"{event.file.name}" has been attached.', type='positive')
        await on_saved(current)

    with ui.row().classes('w-full items-center gap-2 wrap'):
        kind = ui.select({k.value: label for k, label in KIND_LABELS.items()}, value=AttachmentKind.REPORT.value,
                         label='Kind').props('outlined dense').classes('w-40').mark(f'{marker}-kind')
        upload = ui.upload(label='Add a PDF, JPEG, PNG or WebP file (at most 20 MB)', auto_upload=True,
                           max_file_size=attachments.MAX_BYTES, on_upload=uploaded) \
            .props('accept="application/pdf,image/jpeg,image/png,image/webp" flat bordered') \
            .classes('grow').style('max-width: 100%').mark(marker)
        explain_rejections(upload, kinds='PDF, JPEG, PNG or WebP', max_mb=attachments.MAX_BYTES // MEGABYTE,
                           noun='file')


def file_list(rows: list[AttachmentView]) -> None:
    """One line per file, with a Preview button."""
    if not rows:
        ui.label('No files attached.').classes('text-grey-7')
    for row in rows:
        with ui.row().classes('w-full items-center gap-2 no-wrap').mark('attachment-row'):
            ui.icon('image' if row.is_image else 'picture_as_pdf').classes('text-grey-8')
            with ui.column().classes('gap-0 grow').style('min-width: 0'):
                ui.label(row.original_name).classes('ellipsis w-full')
                ui.label(f'{KIND_LABELS[row.kind]} · {row.size / 1024:.0f} KB · {clinic_time(row.created_at)}') \
                    .classes('text-caption text-grey-8')
            ui.button('Preview', icon='visibility', on_click=lambda row=row: preview(row)).props('outline') \
                .mark(f'attachment-preview-button preview-{row.id}')


def preview(row: AttachmentView) -> None:
    """Show a file from the guarded route: images inline, PDFs in a frame."""
    with ui.context.client.content, ui.dialog(value=True) as dialog, \
            ui.card().classes('w-full gap-2').style('max-width: 900px'):
        ui.label(row.original_name).classes('text-h6 ellipsis w-full')
        if row.is_image:
            ui.image(row.url).classes('w-full').props('fit=contain').mark('attachment-preview')
        else:
            frame = ui.element('iframe').classes('w-full').style('height: 70vh; border: 0').mark('attachment-preview')
            # Set as values, never formatted into a props string: a file name is the uploader's text.
            frame.props['src'] = row.url
            frame.props['title'] = row.original_name
        with ui.row().classes('w-full justify-end'):
            ui.button('Close', on_click=dialog.close).props('flat')
    dialog.on_value_change(lambda event: None if event.value else dialog.delete())
