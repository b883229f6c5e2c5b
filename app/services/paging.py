"""One page of a list read from the database, for every list a screen pages on the server.

A page never holds more than `per_page` rows however long the list is, so a patient with 500
visits costs a screen what a patient with five does. Sizes outside the list a service offers fall
back to its default, and a page number past the end shows the last page (a row may have gone
since the table was drawn).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.queryset import QuerySet

from app.wording import counted

Row = TypeVar('Row')
Model = TypeVar('Model')

RECORD_PAGE_SIZES = (5, 10, 25, 50)  # the parts of a patient's record
RECORD_PER_PAGE = 10


@dataclass(frozen=True, kw_only=True)
class Page(Generic[Row]):
    """Rows of one page, how many rows there are in all, and which page of what size this is."""

    rows: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def described(self, noun: str, plural: str | None = None) -> str:
        """How the audit trail words what was read: '1 consultation', '10 of 500 consultations, page 3'."""
        if self.total == len(self.rows):
            return counted(self.total, noun, plural)
        return f'{len(self.rows)} of {counted(self.total, noun, plural)}, page {self.page}'


def page_size(per_page: int, sizes: Sequence[int] = RECORD_PAGE_SIZES, default: int = RECORD_PER_PAGE) -> int:
    return per_page if per_page in sizes else default


def within(page: int, *, total: int, per_page: int) -> int:
    """The page asked for, kept between the first and the last page there is."""
    return min(max(1, page), max(1, -(-total // per_page)))


async def read_page(query: QuerySet[Any], *, ordering: Sequence[str], page: int, per_page: int,
                    row: Callable[[Any], Row], related: Sequence[str] = (),
                    sizes: Sequence[int] = RECORD_PAGE_SIZES, default: int = RECORD_PER_PAGE) -> Page[Row]:
    """Count the query's rows, then read one page of them in `ordering`, each turned into a row by `row`."""
    per_page = page_size(per_page, sizes, default)
    total = await query.count()
    page = within(page, total=total, per_page=per_page)
    found = query.order_by(*ordering).offset((page - 1) * per_page).limit(per_page)
    if related:
        found = found.select_related(*related)
    return Page(rows=[row(item) for item in await found], total=total, page=page, per_page=per_page)
