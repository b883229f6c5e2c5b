"""Scoring of the spine outcome measures, and whether a change is clinically important. No database.

Numeric Pain Rating Scale (NPRS): one whole number from 0 (no pain) to 10 (worst pain imaginable);
the score is that number.

Oswestry Disability Index (ODI, version 2.1a; Fairbank JCT, Pynsent PB. The Oswestry Disability
Index. Spine 2000;25(22):2940-2953): ten sections, each scored 0-5.
    score % = sum of the answered sections / (5 x number of answered sections) x 100
so a blank section lowers the maximum instead of counting as 0 (nine answered: total / 45 x 100),
as Fairbank and Pynsent prescribe for a missed section.

Neck Disability Index (NDI; Vernon H, Mior S. The Neck Disability Index: a study of reliability and
validity. J Manipulative Physiol Ther 1991;14(7):409-415): ten sections, each 0-5, shown as a
percentage with the same formula and the same handling of blank sections.

Rule applied to blank sections (both indices): up to 2 blank sections are scored as above; with
more than 2 blank the score is not computed ("too many sections left blank"). The answers are
still kept; the record appears without a score and is left out of the trend.

Percentages are rounded half up to one decimal.

Minimal clinically important difference (MCID), improvement = first score minus latest score
(lower is better on all three), passed when the improvement is at least:
- NPRS: 2 points (Childs JD, Piva SR, Fritz JM. Responsiveness of the numeric pain rating scale in
  patients with low back pain. Spine 2005;30(11):1331-1334).
- ODI: 10 percentage points (Ostelo RW et al. Interpreting change scores for pain and functional
  status in low back pain. Spine 2008;33(1):90-94).
- NDI: 10 percentage points, i.e. 5 of the 50 raw points (Stratford PW et al. Using the Neck
  Disability Index to make decisions concerning individual patients. Physiother Can
  1999;51:107-112; as summarised by MacDermid JC et al., J Orthop Sports Phys Ther
  2009;39(5):400-417).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from models.outcomes import Instrument

SECTIONS = 10
MAX_PER_SECTION = 5
MAX_BLANK_SECTIONS = 2
TOO_MANY_BLANK = 'Not scored: too many sections left blank (more than 2).'

INSTRUMENT_NAMES = {
    Instrument.NPRS: 'Pain (NPRS 0-10)',
    Instrument.ODI: 'Oswestry Disability Index',
    Instrument.NDI: 'Neck Disability Index',
}
MCID = {Instrument.NPRS: Decimal(2), Instrument.ODI: Decimal(10), Instrument.NDI: Decimal(10)}


def score_text(instrument: Instrument, score: Decimal | None) -> str:
    """A score as staff read it: the pain rating as is, the indices as percentages ('' when not scored)."""
    if score is None:
        return ''
    return f'{score.normalize():f}{"" if instrument is Instrument.NPRS else "%"}'

SECTION_LABELS = {
    Instrument.ODI: ('Pain intensity', 'Personal care', 'Lifting', 'Walking', 'Sitting', 'Standing', 'Sleeping',
                     'Sex life', 'Social life', 'Travelling'),
    Instrument.NDI: ('Pain intensity', 'Personal care', 'Lifting', 'Reading', 'Headaches', 'Concentration', 'Work',
                     'Driving', 'Sleeping', 'Recreation'),
}
# The answer options of every section: 0 is the least trouble, 5 the most.
OPTION_LABELS = ('0 - none', '1 - mild', '2 - moderate', '3 - fairly severe', '4 - very severe', '5 - worst')


class ScoringError(ValueError):
    """Answers that cannot be scored; `field_errors` maps `pain` or `section_N` to a message."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__(next(iter(field_errors.values())))
        self.field_errors = field_errors


@dataclass(frozen=True, kw_only=True)
class Scored:
    """The outcome of scoring: the score (None when not computed), and why not."""

    score: Decimal | None
    answered: int
    note: str = ''


@dataclass(frozen=True, kw_only=True)
class Change:
    """The change between the first and the latest scored visit."""

    first: Decimal
    latest: Decimal
    improvement: Decimal  # first minus latest: positive is better
    mcid: Decimal

    @property
    def passes(self) -> bool:
        return self.improvement >= self.mcid

    def sentence(self) -> str:
        """Say the change as staff read it, like 'Change since first visit: -18 points (passes the MCID of 10).'"""
        delta = self.latest - self.first
        sign = '−' if delta < 0 else '+' if delta > 0 else '±'
        verdict = 'passes' if self.passes else 'does not pass'
        unit = 'point' if abs(delta) == 1 else 'points'
        return (f'Change since first visit: {sign}{_plain(abs(delta))} {unit} '
                f'({verdict} the MCID of {_plain(self.mcid)}).')


def score_nprs(value: Any) -> Scored:
    """Score a pain rating: a whole number from 0 to 10."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ScoringError({'pain': 'Choose a pain rating from 0 (no pain) to 10 (worst pain imaginable).'})
    return Scored(score=Decimal(value), answered=1)


def score_index(answers: Sequence[Any]) -> Scored:
    """Score the ten 0-5 sections of the ODI or NDI as a percentage (see the module docstring)."""
    if len(answers) != SECTIONS:
        raise ScoringError({'answers': f'The questionnaire has {SECTIONS} sections; got {len(answers)}.'})
    errors = {f'section_{number}': f'Section {number}: choose a score from 0 to 5, or leave it blank.'
              for number, answer in enumerate(answers, start=1)
              if answer is not None and (isinstance(answer, bool) or not isinstance(answer, int)
                                         or not 0 <= answer <= MAX_PER_SECTION)}
    if errors:
        raise ScoringError(errors)
    given = [answer for answer in answers if answer is not None]
    if SECTIONS - len(given) > MAX_BLANK_SECTIONS:
        return Scored(score=None, answered=len(given), note=TOO_MANY_BLANK)
    percent = Decimal(sum(given) * 100) / Decimal(MAX_PER_SECTION * len(given))
    return Scored(score=percent.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP), answered=len(given))


def score(instrument: Instrument, answers: Any) -> Scored:
    """Score any instrument: NPRS takes one number, ODI and NDI a list of ten (None for a blank)."""
    if instrument is Instrument.NPRS:
        return score_nprs(answers)
    if not isinstance(answers, list | tuple):
        raise ScoringError({'answers': f'The questionnaire has {SECTIONS} sections.'})
    return score_index(answers)


def change_since_first(instrument: Instrument, scores: Sequence[Decimal | None]) -> Change | None:
    """Compare the first and the latest computed score (oldest first); None with fewer than two."""
    computed = [value for value in scores if value is not None]
    if len(computed) < 2:
        return None
    first, latest = computed[0], computed[-1]
    return Change(first=first, latest=latest, improvement=first - latest, mcid=MCID[instrument])


def _plain(value: Decimal) -> str:
    """Show 18.0 as 18 and 7.5 as 7.5."""
    return f'{value:f}'.rstrip('0').rstrip('.') if '.' in f'{value:f}' else f'{value:f}'
