"""The layering holds: the core (services, auth, audit, security, backups, models) never imports the UI.

`.importlinter` states the contracts; `lint-imports` checks them here and in CI. A second check
finds import circles among our own modules (import-linter has no such contract), counting the
imports written inside functions too, since those are how circles hide.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import grimp

from tests.test_cli import GOOD_PASSWORD, REPO, cli_env

OUR_PACKAGES = ('app', 'pages', 'components', 'models')


def test_the_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name('lint-imports')
    result = subprocess.run([str(lint_imports), '--no-cache'], capture_output=True, text=True, cwd=REPO,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'BROKEN' not in result.stdout
    assert '0 broken' in result.stdout


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of our modules that import each other, directly or around a loop (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.split('.')[0] not in OUR_PACKAGES:
                continue
            if imported not in order:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], order[imported])
        if lowest[module] == order[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                found.append(sorted([module, *group]))

    for module in sorted(graph.modules):
        if module.split('.')[0] in OUR_PACKAGES and module not in order:
            visit(module)
    return found


def test_no_module_of_ours_imports_itself_around_a_circle() -> None:
    graph = grimp.build_graph(*OUR_PACKAGES, cache_dir=None)
    assert circles(graph) == []


def test_the_circle_finder_sees_a_circle_through_a_function_level_import(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / 'app'
    package.mkdir()
    (package / '__init__.py').write_text('')
    (package / 'one.py').write_text('from app import two\n')
    (package / 'two.py').write_text('def later():\n    from app import one\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [name for name in sys.modules if name == 'app' or name.startswith('app.')]:
        monkeypatch.delitem(sys.modules, name)
    graph = grimp.build_graph('app', cache_dir=None)
    assert circles(graph) == [['app.one', 'app.two']]


def test_commands_write_audit_events_without_loading_nicegui(tmp_path: Path) -> None:
    """`create-admin` and `audit anchor` write events; neither brings NiceGUI into the process."""
    script = (
        'import json, sys\n'
        'from app.cli import main\n'
        'codes = [main(["create-admin", "--username", "boss"]), main(["audit", "anchor"]), main(["audit", "verify"])]\n'
        'print(json.dumps({"codes": codes, "nicegui": sorted(m for m in sys.modules if m.startswith("nicegui"))}))\n'
    )
    result = subprocess.run([sys.executable, '-c', script], input=GOOD_PASSWORD + '\n', capture_output=True,
                            text=True, env=cli_env(tmp_path / 'data'), cwd=REPO, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {'codes': [0, 0, 0], 'nicegui': []}
    with closing(sqlite3.connect(tmp_path / 'data' / 'prospine.sqlite3')) as database:
        actions = [row[0] for row in database.execute('SELECT action FROM audit_event ORDER BY seq')]
    assert 'export' in actions  # the anchor's own event
    assert len(actions) >= 3
