"""Column definitions for tables: one-line, wrapping, cut-short and collapsing columns (components/tables.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.tables import HIDE_BELOW, column

STYLESHEET = Path(__file__).resolve().parents[1] / 'app' / 'static' / 'prospine.css'


def test_a_plain_column_leaves_sorting_to_the_table() -> None:
    assert column('phone', 'Phone') == {'name': 'phone', 'label': 'Phone', 'field': 'phone', 'align': 'left'}


def test_flags_become_classes_on_the_cells_and_the_header() -> None:
    spec = column('created', 'Received', field='created_at', sortable=True, nowrap=True, hide_below=760)
    assert spec['field'] == 'created_at' and spec['sortable'] is True
    assert spec['classes'] == spec['headerClasses'] == 'prospine-nowrap prospine-from-760'


def test_wrapping_text_keeps_within_its_width_and_may_be_cut_to_lines() -> None:
    spec = column('complaint', 'Complaint', wrap='16rem', lines=2)
    assert spec['classes'] == 'prospine-wrap'
    assert 'max-width: 16rem' in spec['style'] and spec['lines'] == 2


def test_only_widths_the_stylesheet_knows_collapse_a_column() -> None:
    with pytest.raises(ValueError, match='hide_below'):
        column('kind', 'Kind', hide_below=700)
    css = STYLESHEET.read_text(encoding='utf-8')
    assert all(f'.prospine-from-{width} ' in css for width in HIDE_BELOW)
