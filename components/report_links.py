"""The addresses of a report's files (CSV, Excel) and print view, built from its filter."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

REPORT_FILE = '/reports/files/{kind}.{extension}'
REPORT_PRINT = '/reports/print'
EXTENSIONS = ('csv', 'xlsx')


def report_query(*, kind: str, first_day: date, last_day: date, branch_id: int | None) -> dict[str, str]:
    query = {'kind': kind, 'from': first_day.isoformat(), 'to': last_day.isoformat()}
    if branch_id:
        query['branch'] = str(branch_id)
    return query


def report_file_link(*, kind: str, extension: str, first_day: date, last_day: date, branch_id: int | None) -> str:
    query = report_query(kind=kind, first_day=first_day, last_day=last_day, branch_id=branch_id)
    query.pop('kind')
    return REPORT_FILE.format(kind=kind, extension=extension) + '?' + urlencode(query)


def report_print_link(*, kind: str, first_day: date, last_day: date, branch_id: int | None) -> str:
    return REPORT_PRINT + '?' + urlencode(report_query(kind=kind, first_day=first_day, last_day=last_day,
                                                        branch_id=branch_id))
