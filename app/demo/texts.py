"""What the demo clinic's clinicians write: complaints, SOAP notes, diagnoses, histories and test results."""

from __future__ import annotations

import random

from models.clinical import TestKind
from models.registrations import ChiefComplaint

COMPLAINT_WORDS: dict[ChiefComplaint, tuple[str, ...]] = {
    ChiefComplaint.NECK_PAIN: ('Neck pain and stiffness for three weeks, worse after long hours at the laptop.',
                               'Pain in the neck radiating to the right shoulder since a bus journey.',
                               'Neck stiffness on waking, difficulty turning the head to the left.'),
    ChiefComplaint.BACK_PAIN: ('Upper back pain between the shoulder blades, worse by evening.',
                               'Mid back pain after lifting a gas cylinder.',
                               'Back pain on and off for six months, now daily.'),
    ChiefComplaint.LOW_BACK_PAIN: ('Low back pain since bending to pick up a bucket, cannot sit for long.',
                                   'Chronic low back pain for two years, worse in the mornings.',
                                   'Low back pain after a two-wheeler ride on bad roads.'),
    ChiefComplaint.RADIATING_PAIN: ('Pain from the low back down the left leg to the calf, tingling in the foot.',
                                    'Shooting pain down the right arm with numbness in two fingers.',
                                    'Pain radiating to both legs on walking more than ten minutes.'),
    ChiefComplaint.OTHER: ('Knee pain on climbing stairs.', 'Frozen shoulder, cannot comb hair.',
                           'Ankle sprain during badminton.', 'Delayed speech, says only a few words (parents).',
                           'Stammering, worse when anxious.', 'Hoarse voice after a thyroid operation.'),
}
SPEECH_COMPLAINTS = ('Delayed speech, says only a few words (parents).', 'Stammering, worse when anxious.',
                     'Unclear speech, family understands half of it.', 'Difficulty swallowing after a stroke.')
DIAGNOSES: dict[ChiefComplaint, tuple[tuple[str, str], ...]] = {
    ChiefComplaint.NECK_PAIN: (('Cervical spondylosis', 'M47.812'), ('Cervicalgia', 'M54.2'),
                               ('Mechanical neck pain with postural dysfunction', 'M54.2')),
    ChiefComplaint.BACK_PAIN: (('Thoracic spine pain', 'M54.6'), ('Myofascial pain syndrome', 'M79.1')),
    ChiefComplaint.LOW_BACK_PAIN: (('Mechanical low back pain', 'M54.5'), ('Lumbar spondylosis', 'M47.816'),
                                   ('Sacroiliac joint dysfunction', 'M53.3')),
    ChiefComplaint.RADIATING_PAIN: (('Lumbar disc prolapse L4-L5 with radiculopathy', 'M51.16'),
                                    ('Cervical radiculopathy C6', 'M54.12'), ('Sciatica, left', 'M54.32')),
    ChiefComplaint.OTHER: (('Osteoarthritis of the knee', 'M17.1'), ('Adhesive capsulitis of the shoulder', 'M75.0'),
                           ('Lateral ankle sprain', 'S93.4')),
}
SPEECH_DIAGNOSES = (('Expressive language delay', 'F80.1'), ('Childhood-onset fluency disorder', 'F80.81'),
                    ('Articulation disorder', 'F80.0'), ('Dysphagia after stroke', 'R13.1'))
CONDITIONS = ('Type 2 diabetes for 8 years, on metformin.', 'Hypertension, controlled.', 'Hypothyroidism.',
              'No known illnesses.', 'Asthma in childhood.', 'Vitamin D deficiency.', 'Migraine.')
SURGERIES = ('None.', 'Caesarean section, 2014.', 'Appendicectomy.', 'Knee arthroscopy, 2019.', 'None.')
MEDICATIONS = ('None.', 'Metformin 500 mg twice daily.', 'Amlodipine 5 mg.', 'Thyroxine 50 mcg.',
               'Occasional paracetamol for pain.', 'Pregabalin 75 mg at night.')
ALLERGIES = ('No known allergies.', 'Sulpha drugs.', 'Penicillin.', 'Dust.', 'No known allergies.')
RED_FLAGS = ('None.', 'None.', 'None.', 'Night pain, to watch.', 'Weight loss of 3 kg, asked to see GP.')
PRESCRIPTIONS = ('Hot fomentation 15 minutes twice daily. Core strengthening exercises as taught.',
                 'Ergonomic advice for the workstation; chin tucks 10 x 3 daily.',
                 'Avoid forward bending and lifting. McKenzie extensions 10 x 5 daily.',
                 'Ice pack 10 minutes after exercise. Quadriceps sets 15 x 3.',
                 'Tab. Etoricoxib 60 mg once daily after food for 5 days (as advised by the doctor).')
FOLLOW_UP_WORDS = ('Pain better by half since the last visit.', 'Slept well, less stiffness.',
                   'Pain flared after travel, settling.', 'Able to sit through office hours now.',
                   'Tingling reduced, walking longer.', 'No change this week.')
TREATMENTS = ('IFT 15 min, hot pack, mobilisation grade II.', 'TENS, cervical traction 7 kg, isometrics.',
              'Lumbar traction 20 kg, core activation, SLR neural glides.', 'Ultrasound 1 MHz, stretching, taping.',
              'Manual therapy, McKenzie extensions, postural correction.')
SPEECH_ACTIVITIES = ('Picture naming, 18 of 25 correct.', 'Easy onset and prolonged speech in sentences.',
                     'Two-word combinations in play, 12 spontaneous.', 'Oral motor exercises and /s/ in words.')
TEST_ITEMS: dict[TestKind, tuple[str, ...]] = {
    TestKind.NCV: ('Median, ulnar and radial nerves', 'Common peroneal and tibial nerves, sural sensory'),
    TestKind.EMG: ('L4-S1 myotomes, paraspinals', 'C5-T1 myotomes'),
    TestKind.EEG: ('Routine 30-minute EEG with hyperventilation and photic stimulation',),
    TestKind.RNS: ('Repetitive stimulation, facial and ulnar nerves at 3 Hz',),
    TestKind.BERA: ('Click-evoked ABR, both ears',),
    TestKind.VEP: ('Pattern reversal VEP, both eyes',),
    TestKind.OTHER: ('F-wave and H-reflex studies',),
}
TEST_RESULTS = ('Within normal limits.', 'Mild sensory axonal neuropathy of the lower limbs.',
                'Features of left L5 radiculopathy with ongoing denervation.',
                'Right median nerve entrapment at the wrist (carpal tunnel syndrome), moderate.',
                'Bilateral normal wave latencies; no retrocochlear pathology.')
INQUIRY_WORDS = ('Back pain, wants to know the physiotherapy charges.', 'Neck pain, asks about evening slots.',
                 "Mother's knee pain, asks about home visits.", 'Son not speaking clearly, speech therapy?',
                 'Asks whether the clinic does NCV tests.', 'Pain after a fall, needs an appointment this week.')
CANCELLATION_REASONS = ('Patient called to say they are out of town.', 'Booked twice by mistake.',
                        'Patient unwell with fever.', 'Doctor on leave; rebooked.')
# The calendar's words: booking notes, what the desk noted on arrival, why a session was called off, waitlist notes.
BOOKING_NOTES = ('Bring the MRI report.', 'Prefers a female therapist.', 'Needs a wheelchair at the entrance.',
                 'Asked for a slot after office hours.', 'Review the home exercise programme.',
                 'Knee brace to be fitted.', 'Comes with a parent (child patient).', 'Insurance papers pending.')
VISIT_REMARKS = ('Came 10 minutes late.', 'Pain 3/10 today, tolerated the session well.', 'Came with his daughter.',
                 'Asked for a receipt for insurance.', 'Wheelchair needed from the car.',
                 'Says the home exercises are done daily.', 'Mild soreness after the last session.',
                 'Paid for the next five sessions.', 'Blood pressure checked before the session: normal.')
SESSION_CANCELLATIONS = ('Patient unwell with fever.', 'Out of town for a family wedding.',
                         'Could not get leave from work.', 'Exams at school this week.', 'Heavy rain, cannot travel.',
                         'Patient called to say they are out of town.', 'Booked twice by mistake.')
WAITLIST_NOTES = ('Pain worse since the weekend; wants an earlier slot.', 'Travelling next week; two sessions now.',
                  'Mornings before office only.', 'After school hours only.', 'Doctor advised daily sessions.',
                  'Will take any cancellation at short notice.')


def complaint_words(rng: random.Random, complaint: ChiefComplaint, *, speech: bool) -> str:
    return rng.choice(SPEECH_COMPLAINTS if speech else COMPLAINT_WORDS[complaint])


def diagnosis(rng: random.Random, complaint: ChiefComplaint, *, speech: bool) -> tuple[str, str]:
    return rng.choice(SPEECH_DIAGNOSES if speech else DIAGNOSES[complaint])


def first_note(rng: random.Random, *, complaint: str, pain: int, speech: bool) -> dict[str, str]:
    """The four SOAP parts of an assessment note."""
    if speech:
        return {'subjective': f'Concerns (patient / family): {complaint}\nHistory: normal milestones otherwise.',
                'objective': f'Articulation: {rng.choice(("age appropriate", "fronting of /k/ and /g/"))}\n'
                             f'Fluency: {rng.choice(("fluent", "repetitions and blocks, 8% syllables stuttered"))}',
                'assessment': 'Impression: needs speech therapy twice a week.',
                'plan': 'Goals: intelligible short sentences.\nTherapy frequency: twice a week.\n'
                        'Home practice: 10 minutes daily with a parent.'}
    return {'subjective': f'Chief complaint: {complaint}\nPain (0-10): {pain}',
            'objective': f'Range of motion: restricted by about {rng.choice((20, 30, 40))}%.\n'
                         f'Special tests: {rng.choice(("SLR positive at 50 degrees", "Spurling negative", "none"))}.',
            'assessment': 'Clinical impression: mechanical pain, good prognosis with exercise.',
            'plan': f'Treatment today: {rng.choice(TREATMENTS)}\nHome exercises as taught.\nNext review: 1 week.'}


def follow_up_note(rng: random.Random, *, pain: int, speech: bool) -> dict[str, str]:
    if speech:
        return {'subjective': f'Since last session: {rng.choice(("practised daily", "missed two days"))}.',
                'objective': f'Activities and accuracy: {rng.choice(SPEECH_ACTIVITIES)}',
                'assessment': 'Progress towards goals: steady.', 'plan': 'Next session goals: carry over to home.'}
    return {'subjective': f'Since last visit: {rng.choice(FOLLOW_UP_WORDS)}\nPain (0-10): {pain}',
            'objective': f'Range of motion: {rng.choice(("improving", "near full", "unchanged"))}.',
            'assessment': f'Progress: {rng.choice(("good", "slow but steady", "as expected"))}.',
            'plan': f'Treatment today: {rng.choice(TREATMENTS)}'}
