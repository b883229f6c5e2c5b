"""The words the screens and documents use for choices the clinic shares across records.

One label per member, defined once: a patient's gender reads the same on the patients list, an
inquiry and the record copy; a service the same on a plan and a note; a consultation type the same
on the booking page, an inquiry and a consultation. Labels that belong to one record only (a
plan's status, an inquiry's kind) stay beside that record's service.
"""

from __future__ import annotations

from models.clinic import Service
from models.clinical import TestKind
from models.patients import Gender
from models.registrations import ConsultationType

GENDER_LABELS = {Gender.FEMALE: 'Female', Gender.MALE: 'Male', Gender.OTHER: 'Other',
                 Gender.UNDISCLOSED: 'Prefers not to say'}
SERVICE_LABELS = {Service.PHYSIOTHERAPY: 'Physiotherapy', Service.SPEECH_THERAPY: 'Speech therapy'}
CONSULTATION_TYPE_LABELS = {ConsultationType.IN_CLINIC: 'In clinic', ConsultationType.HOME_VISIT: 'Home visit',
                            ConsultationType.ONLINE: 'Online (video call)',
                            ConsultationType.SPEECH_THERAPY: 'Speech therapy'}
TEST_KIND_LABELS = {TestKind.EEG: 'EEG', TestKind.NCV: 'NCV', TestKind.EMG: 'EMG', TestKind.RNS: 'RNS',
                    TestKind.BERA: 'BERA', TestKind.VEP: 'VEP', TestKind.OTHER: 'Other'}

# What the public `/book` page (and so an online request) may ask for.
BOOKABLE_TYPES = (ConsultationType.IN_CLINIC, ConsultationType.HOME_VISIT, ConsultationType.ONLINE)
BOOKING_LABELS = {kind: CONSULTATION_TYPE_LABELS[kind] for kind in BOOKABLE_TYPES}
