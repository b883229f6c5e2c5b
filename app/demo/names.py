"""Names, phones and addresses of the demo clinic's patients: Indian, from every region, drawn from a seeded Random."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from models.patients import Gender

# Given names (female, male) and family names of one region; a person's names come from one region.
REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    'tamil': (('Lakshmi', 'Meena', 'Kavitha', 'Priya', 'Divya', 'Revathi', 'Anitha', 'Sangeetha', 'Janani', 'Deepa'),
              ('Karthik', 'Senthil', 'Ramesh', 'Arun', 'Vignesh', 'Suresh', 'Balaji', 'Murugan', 'Prakash', 'Dinesh'),
              ('Iyer', 'Iyengar', 'Subramanian', 'Krishnan', 'Natarajan', 'Raman', 'Venkatesan', 'Pillai',
               'Chandrasekaran', 'Sundaram')),
    'telugu': (('Sravani', 'Lavanya', 'Padmaja', 'Swathi', 'Haritha', 'Sirisha'),
               ('Srinivas', 'Venkat', 'Ravi', 'Naveen', 'Chaitanya', 'Mahesh'),
               ('Reddy', 'Naidu', 'Rao', 'Chowdary', 'Varma', 'Goud')),
    'kannada': (('Shwetha', 'Pooja', 'Roopa', 'Bhavya', 'Sahana', 'Nandini'),
                ('Manjunath', 'Raghavendra', 'Shivakumar', 'Girish', 'Praveen', 'Sandeep'),
                ('Gowda', 'Hegde', 'Shetty', 'Bhat', 'Kamath', 'Patil')),
    'malayali': (('Anjali', 'Reshma', 'Sreeja', 'Aswathy', 'Nimmy'),
                 ('Arjun', 'Vishnu', 'Rahul', 'Anoop', 'Jithin'),
                 ('Nair', 'Menon', 'Kurup', 'Panicker', 'Thomas', 'Varghese')),
    'north': (('Neha', 'Pooja', 'Anjali', 'Sunita', 'Ritu', 'Kavita', 'Shalini', 'Preeti', 'Manju', 'Aarti'),
              ('Rahul', 'Amit', 'Rajesh', 'Sanjay', 'Vikas', 'Manoj', 'Rohit', 'Ankit', 'Deepak', 'Alok'),
              ('Sharma', 'Verma', 'Gupta', 'Agarwal', 'Mishra', 'Tiwari', 'Srivastava', 'Saxena', 'Pandey')),
    'punjabi': (('Harpreet', 'Simran', 'Gurleen', 'Jasleen', 'Manpreet'),
                ('Gurpreet', 'Harjeet', 'Jaspal', 'Amandeep', 'Kuldeep'),
                ('Singh', 'Kaur', 'Gill', 'Sandhu', 'Dhillon', 'Grewal')),
    'gujarati': (('Hetal', 'Komal', 'Nisha', 'Bhavna', 'Jigna'),
                 ('Hardik', 'Jignesh', 'Ketan', 'Nilesh', 'Chirag'),
                 ('Patel', 'Shah', 'Mehta', 'Desai', 'Joshi', 'Modi')),
    'marathi': (('Snehal', 'Madhuri', 'Vaishali', 'Ashwini', 'Sayali'),
                ('Sachin', 'Mahesh', 'Sagar', 'Omkar', 'Tushar'),
                ('Kulkarni', 'Deshpande', 'Joshi', 'Pawar', 'Jadhav', 'Gokhale')),
    'bengali': (('Ananya', 'Moumita', 'Sreya', 'Tanusree', 'Rituparna'),
                ('Sourav', 'Arindam', 'Debashis', 'Subhajit', 'Anirban'),
                ('Banerjee', 'Chatterjee', 'Mukherjee', 'Das', 'Bose', 'Ghosh', 'Sen')),
    'muslim': (('Ayesha', 'Fatima', 'Sana', 'Zainab', 'Nazia', 'Rukhsar'),
               ('Imran', 'Faisal', 'Arif', 'Sameer', 'Irfan', 'Salman'),
               ('Khan', 'Shaikh', 'Siddiqui', 'Ansari', 'Qureshi', 'Syed')),
    'christian': (('Maria', 'Grace', 'Sheela', 'Jennifer', 'Rita'),
                  ('Joseph', 'Francis', 'Anthony', 'Dominic', 'Peter'),
                  ("D'Souza", 'Fernandes', 'Pinto', 'Rodrigues', "D'Costa", 'Lobo')),
}
# How common each region is among the patients of a Bengaluru clinic.
_REGION_WEIGHTS = {'kannada': 22, 'tamil': 16, 'telugu': 14, 'malayali': 9, 'north': 12, 'punjabi': 3,
                   'gujarati': 4, 'marathi': 4, 'bengali': 5, 'muslim': 8, 'christian': 3}
_REGION_NAMES = tuple(_REGION_WEIGHTS)
_REGION_CUMULATIVE = tuple(itertools.accumulate(_REGION_WEIGHTS.values()))

LOCALITIES = ('Koramangala 5th Block', 'HSR Layout Sector 2', 'BTM Layout 2nd Stage', 'Jayanagar 4th T Block',
              'JP Nagar 6th Phase', 'Banashankari 2nd Stage', 'Basavanagudi', 'Indiranagar 100 Feet Road',
              'Whitefield', 'Marathahalli', 'Electronic City Phase 1', 'Bellandur', 'Malleshwaram 8th Cross',
              'Rajajinagar 2nd Block', 'Yelahanka New Town', 'Hebbal', 'Ulsoor', 'Frazer Town', 'RT Nagar',
              'Vijayanagar', 'Kumaraswamy Layout', 'Sarjapur Road', 'Bommanahalli', 'Hennur')
STREETS = ('1st Main', '2nd Cross', '3rd Main Road', '5th Cross', '8th Main', '11th Cross', '14th Main',
           '17th Cross', '22nd Main', '27th Cross')
BUILDINGS = ('Sai Residency', 'Sri Krishna Apartments', 'Prestige Park', 'Green Meadows', 'Lakshmi Nilaya',
             'Brigade Gardens', 'Sobha Daffodil', 'Shanthi Nivas', 'Nandanam', 'Ganga Enclave')
PINCODES = ('560034', '560102', '560076', '560041', '560078', '560070', '560004', '560038', '560066', '560037',
            '560100', '560103', '560003', '560010', '560064', '560024', '560008', '560005', '560032', '560040')
OCCUPATIONS = ('Software engineer', 'Teacher', 'Homemaker', 'Retired', 'Business', 'Student', 'Accountant',
               'Driver', 'Bank officer', 'Nurse', 'Tailor', 'Shopkeeper', 'Civil engineer', 'Security guard',
               'Delivery executive', 'Government employee', 'Chef', 'Designer', '')
REFERRAL_SOURCES = ('Word of mouth', 'Google search', 'Instagram', 'Practo', 'Justdial', 'Doctor referral',
                    'Existing patient', 'Hoarding near the clinic', 'Company health camp', 'Walk-in', 'Facebook')
REFERRING_DOCTORS = ('Dr. S. Raghunath (Orthopaedics)', 'Dr. Meera Pillai (Neurology)',
                     'Dr. Anil Kumar (General medicine)', 'Dr. Farah Siddiqui (ENT)', 'Dr. V. Prasad (Spine surgery)',
                     'Dr. Kavya Rao (Paediatrics)', 'Dr. Rohan Shetty (Sports medicine)')


@dataclass(frozen=True, kw_only=True)
class Person:
    """A made-up person: full name, gender, age, phone and address."""

    full_name: str
    gender: Gender
    age: int
    phone: str
    address: str
    occupation: str
    relative_name: str
    relative_phone: str


def person(rng: random.Random, *, child: bool = False) -> Person:
    """Draw one person; `child` for the speech-therapy patients (2 to 14 years old)."""
    region = _region(rng)
    female_names, male_names, surnames = REGIONS[region]
    gender = Gender.FEMALE if rng.random() < 0.52 else Gender.MALE
    given = rng.choice(female_names if gender is Gender.FEMALE else male_names)
    surname = _surname(rng, region, surnames, gender)
    age = rng.randint(2, 14) if child else min(90, max(16, int(rng.gauss(46, 15))))
    relative_given = rng.choice(male_names if gender is Gender.FEMALE or child else female_names)
    return Person(full_name=f'{given} {surname}', gender=gender, age=age, phone=mobile(rng), address=address(rng),
                  occupation='Student' if child else rng.choice(OCCUPATIONS),
                  relative_name=f'{relative_given} {surname}', relative_phone=mobile(rng))


def mobile(rng: random.Random) -> str:
    """An Indian mobile number as the patient service stores it: `+91 98765 43210` (first digit 6-9)."""
    digits = f'{rng.choice("6789")}{rng.randrange(10 ** 9):09d}'
    return f'+91 {digits[:5]} {digits[5:]}'


def address(rng: random.Random) -> str:
    return (f'{rng.randint(1, 480)}, {rng.choice(BUILDINGS)}, {rng.choice(STREETS)}, {rng.choice(LOCALITIES)}, '
            f'Bengaluru {rng.choice(PINCODES)}')


def _region(rng: random.Random) -> str:
    return rng.choices(_REGION_NAMES, cum_weights=_REGION_CUMULATIVE)[0]


def _surname(rng: random.Random, region: str, surnames: tuple[str, ...], gender: Gender) -> str:
    if region == 'punjabi':  # Sikh men are Singh and women Kaur, or the family name
        return rng.choice(('Singh', 'Gill', 'Sandhu', 'Dhillon')) if gender is Gender.MALE \
            else rng.choice(('Kaur', 'Gill', 'Grewal'))
    return rng.choice(surnames)
