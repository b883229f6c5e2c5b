"""The front desk's path end to end: an inquiry, its registration, the patient, a treatment plan, all audited."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from app.audit.verify import verify_chain
from app.clock import clinic_today
from app.services import consultations, inquiries, patients, treatment_plans
from app.services.consultations import ConsultationDetails
from app.services.patients import PatientDetails
from app.services.treatment_plans import PlanInput
from models.accounts import Role
from models.audit import AuditEvent
from models.inquiries import Inquiry
from models.patients import Patient
from models.registrations import Registration
from tests.factories import actor_of, make_branch, make_user


async def test_inquiry_to_registration_to_patient_to_plan(db: None) -> None:
    branch = await make_branch('Andheri')
    reception = await actor_of(await make_user(Role.RECEPTION, username='nisha', branch=branch))
    doctor = await actor_of(await make_user(Role.DOCTOR, username='ravi', branch=branch))

    inquiry = await inquiries.create_inquiry(
        actor=reception, kind='quick', branch_id=branch.id, full_name='Meera Iyer', phone='98765 43210',
        age_years=42, gender='female', chief_complaint='Low back pain for three weeks', referral_source='Dr Shah',
        communication_type='call', expected_visit_date=clinic_today() + timedelta(days=1))
    uid = await inquiries.convert_to_registration(
        actor=reception, inquiry_id=inquiry.id,
        details=PatientDetails(full_name='Meera Iyer', phone='98765 43210', gender='female', age_years=42),
        first_consultation=ConsultationDetails(chief_complaint='low-back-pain', consultation_type='in-clinic',
                                               fee=Decimal('500'), payment_method='upi',
                                               referral_source='Dr Shah'))

    patient = await Patient.get(uid=uid)
    assert uid.startswith(f'{clinic_today():%y%m%d}-') and patient.first_branch_id == branch.id
    stored = await Inquiry.get(id=inquiry.id)
    assert (stored.status, stored.patient_uid) == ('visited', uid)
    [consultation] = await Registration.filter(patient_id=patient.id)
    assert consultation.fee == Decimal('500') and consultation.status == 'pending'

    found = await patients.search_patients(actor=reception, query='meera')
    assert [row.uid for row in found.rows] == [uid]
    await consultations.set_status(actor=doctor, registration_id=consultation.id, status='consulted')

    plan = await treatment_plans.create_plan(actor=doctor, patient_id=patient.id, details=PlanInput(
        service='physiotherapy', plan_type='package', days=21, start_date=clinic_today(),
        package_cost=Decimal('30000'), discount=Decimal('1500'), clinician_id=doctor.user_id))  # 5%
    assert plan.total == Decimal('28500.00')

    trail = await AuditEvent.filter(patient_id=uid).order_by('seq').values_list('entity_type', 'action')
    assert ('patient', 'create') in trail and ('treatment-plan', 'create') in trail
    assert ('inquiry', 'update') in trail and ('registration', 'update') in trail
    assert (await verify_chain()).ok
