"""Words the app says about numbers: one place for plurals, so no message reads "1 seconds"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 second`, `2 seconds`, `1,000 events`; `plural` for nouns that do not just add an s."""
    word = noun if number == 1 else (plural or f'{noun}s')
    return f'{number:,} {word}'


def with_article(noun_phrase: str) -> str:
    """'a booked appointment', 'an arrived appointment': the article by the first letter's sound (vowels)."""
    return f'{"an" if noun_phrase[:1].lower() in "aeiou" else "a"} {noun_phrase}'
