"""No text is ever formatted into a props string, HTML or script: the stored-XSS class of bug, made impossible.

A props string is parsed into attributes (`'src="a" title="b"'`), so text formatted into it can
add attributes; HTML and script strings run. This test reads the UI code and fails on any call
of `.props(...)`, `.style(...)`, `ui.html`, `ui.markdown`, `add_head_html`, `add_body_html` or
`run_javascript` whose argument is not a plain string literal. A dynamic value is set as a value
instead (`element.props['title'] = name`), which NiceGUI sends as JSON. The few calls that build
markup from the app's own constants carry a `# trusted markup: <why>` comment on their line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ('pages', 'components', 'app')
MARKUP_CALLS = {'props', 'style', 'html', 'markdown', 'add_head_html', 'add_body_html', 'run_javascript',
                'add_css', 'add_scss'}
TRUSTED = '# trusted markup:'


CONSTANT_NAME = re.compile(r'^_?[A-Z][A-Z0-9_]*$')  # a module constant: the app's own text


def _is_literal(node: ast.expr) -> bool:
    """A string literal, a module constant, or a choice between two of them."""
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) and _is_literal(node.orelse)
    if isinstance(node, ast.Name):
        return bool(CONSTANT_NAME.match(node.id))
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _violations(path: Path) -> list[str]:
    source = path.read_text(encoding='utf-8')
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in MARKUP_CALLS and node.args):
            continue
        if _is_literal(node.args[0]):
            continue
        span = lines[node.lineno - 1:(node.end_lineno or node.lineno)]
        if any(TRUSTED in line for line in span):
            continue
        found.append(f'{path.relative_to(ROOT)}:{node.lineno}: .{node.func.attr}({ast.unparse(node.args[0])[:60]})')
    return found


def test_no_markup_is_built_from_anything_but_literals() -> None:
    violations = [line for folder in SCANNED for path in sorted((ROOT / folder).rglob('*.py'))
                  for line in _violations(path)]
    assert violations == [], 'set dynamic values as props (element.props[name] = value), never in the string:\n' \
        + '\n'.join(violations)


def test_the_scan_catches_a_formatted_props_string(tmp_path: Path) -> None:
    sample = ROOT / 'components' / '_sample_for_the_scan.py'
    sample.write_text("name = input()\nui.element('iframe').props(f'title=\"{name}\"')\nui.html(name)\n"
                      "ui.label('x').props('outline')\n", encoding='utf-8')
    try:
        assert [line.split(': ', 1)[1] for line in _violations(sample)] == [
            ".props(f'title=\"{name}\"')", '.html(name)']
    finally:
        sample.unlink()
