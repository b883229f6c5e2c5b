"""Scoring of NPRS, ODI and NDI against worked examples, and the MCID verdict."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.services.outcome_scoring import TOO_MANY_BLANK, ScoringError, change_since_first, score, score_index
from models.outcomes import Instrument


@pytest.mark.parametrize('instrument', [Instrument.ODI, Instrument.NDI])
def test_all_sections_zero_is_0_and_all_five_is_100_percent(instrument: Instrument) -> None:
    assert score(instrument, [0] * 10).score == Decimal('0.0')
    assert score(instrument, [5] * 10).score == Decimal('100.0')


def test_worked_example_with_all_sections_answered() -> None:
    # 3+2+2+1+3+2+1+0+2+2 = 18 of 50 -> 36 %
    assert score_index([3, 2, 2, 1, 3, 2, 1, 0, 2, 2]).score == Decimal('36.0')


def test_one_blank_section_lowers_the_maximum_to_45() -> None:
    # Nine answered, total 20: 20 / 45 x 100 = 44.44... -> 44.4 % (not 20 / 50 = 40 %)
    result = score_index([3, 2, 2, 1, 3, 2, None, 3, 2, 2])
    assert (result.score, result.answered, result.note) == (Decimal('44.4'), 9, '')


def test_two_blank_sections_are_still_scored() -> None:
    # Eight answered, total 20: 20 / 40 x 100 = 50 %
    assert score_index([5, 5, 5, 5, None, None, 0, 0, 0, 0]).score == Decimal('50.0')


def test_three_blank_sections_are_not_scored() -> None:
    result = score(Instrument.NDI, [1, 1, 1, 1, 1, 1, 1, None, None, None])
    assert result.score is None
    assert result.note == TOO_MANY_BLANK


def test_rounding_is_half_up_to_one_decimal() -> None:
    # Nine answered, total 1: 1 / 45 x 100 = 2.222 -> 2.2; total 4: 8.888 -> 8.9
    assert score_index([1, 0, 0, 0, 0, 0, 0, 0, 0, None]).score == Decimal('2.2')
    assert score_index([4, 0, 0, 0, 0, 0, 0, 0, 0, None]).score == Decimal('8.9')


@pytest.mark.parametrize('bad', [6, -1, '3', 2.5, True])
def test_a_section_out_of_range_names_the_section(bad: object) -> None:
    with pytest.raises(ScoringError) as refused:
        score(Instrument.ODI, [0, 0, bad, 0, 0, 0, 0, 0, 0, 0])
    assert refused.value.field_errors == {'section_3': 'Section 3: choose a score from 0 to 5, or leave it blank.'}


def test_an_index_needs_ten_sections() -> None:
    with pytest.raises(ScoringError):
        score(Instrument.ODI, [0] * 9)


@pytest.mark.parametrize('value', [0, 7, 10])
def test_nprs_is_the_rating_itself(value: int) -> None:
    assert score(Instrument.NPRS, value).score == Decimal(value)


@pytest.mark.parametrize('bad', [11, -1, None, '5', 4.5])
def test_nprs_out_of_range_gives_a_message(bad: object) -> None:
    with pytest.raises(ScoringError) as refused:
        score(Instrument.NPRS, bad)
    assert refused.value.field_errors == {
        'pain': 'Choose a pain rating from 0 (no pain) to 10 (worst pain imaginable).'}


def test_change_since_first_visit_passes_the_odi_mcid() -> None:
    change = change_since_first(Instrument.ODI, [Decimal('44.0'), None, Decimal('30.0'), Decimal('26.0')])
    assert change is not None
    assert (change.improvement, change.passes) == (Decimal('18.0'), True)
    assert change.sentence() == 'Change since first visit: −18 points (passes the MCID of 10).'


def test_change_below_the_mcid_does_not_pass() -> None:
    change = change_since_first(Instrument.NPRS, [Decimal(6), Decimal(5)])
    assert change is not None and not change.passes
    assert change.sentence() == 'Change since first visit: −1 point (does not pass the MCID of 2).'


def test_exactly_the_mcid_passes_and_worsening_does_not() -> None:
    assert change_since_first(Instrument.NPRS, [Decimal(7), Decimal(5)]).passes  # type: ignore[union-attr]
    worse = change_since_first(Instrument.NDI, [Decimal('20.0'), Decimal('32.5')])
    assert worse is not None and not worse.passes
    assert worse.sentence() == 'Change since first visit: +12.5 points (does not pass the MCID of 10).'


def test_no_change_with_fewer_than_two_scores() -> None:
    assert change_since_first(Instrument.ODI, [Decimal(40), None]) is None
