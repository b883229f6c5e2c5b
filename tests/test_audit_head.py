"""The newest events cannot be cut off unseen, and the audit key is never silently replaced.

Each attack of the outside test is repeated here as the attacker made it: the database's
append-only triggers dropped, events deleted, and `audit/head.json` written by hand. Then
someone who also holds the audit key rewrites trail and head together, which only an anchor
noted away from the machine can reveal.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.audit.chain import CHAINED_COLUMNS, GENESIS_MAC, Anchor, audit_key, mac_of, read_head, write_head
from app.cli import main
from tests import test_audit_chain
from tests.processes import free_port
from tests.test_audit_chain import EVENTS, tamper, verify
from tests.test_cli import cli_env, prospine

HEAD = Path('audit') / 'head.json'
database = test_audit_chain.database  # the fixture: ten events written by the real logger


def row_of(path: Path, seq: int) -> dict:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return dict(connection.execute('SELECT * FROM audit_event WHERE seq = ?', (seq,)).fetchone())


def write_plain_head(environment: Path, seq: int, mac: str) -> None:
    """What anyone could write before heads were sealed: the number and MAC already in the database."""
    (environment / HEAD).write_text(json.dumps({'seq': seq, 'mac': mac}))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize('kept', [7, 1])
def test_a_cut_tail_with_a_hand_written_head_is_found(database: Path, environment: Path, kept: int,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, f'DELETE FROM audit_event WHERE seq > {kept}')
    write_plain_head(environment, kept, row_of(database, kept)['mac'])
    code, output = verify(capsys)
    assert code == 1
    assert 'audit/head.json) cannot be trusted: it was not written with the audit key' in output


@pytest.mark.parametrize('content', ['garbage', '{"seq": "x"}', '[]', '', '{"seq": 10}'])
def test_an_unreadable_head_is_a_failure_not_no_head(database: Path, environment: Path, content: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, 'DELETE FROM audit_event WHERE seq > 7')
    (environment / HEAD).write_text(content)
    code, output = verify(capsys)
    assert code == 1
    assert 'cannot be trusted: it cannot be read' in output


def test_a_trail_emptied_with_its_head_removed_is_found(database: Path, environment: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, 'DELETE FROM audit_event')
    (environment / HEAD).unlink()
    code, output = verify(capsys)
    assert code == 1
    assert 'audit/head.json) is missing' in output and 'intact' not in output


def test_a_new_installation_starts_with_a_key_and_a_sealed_empty_head(environment: Path,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    assert run(capsys, 'migrate')[0] == 0
    key = audit_key(environment)
    head = read_head(environment)
    assert head is not None and (head.seq, head.mac) == (0, GENESIS_MAC) and head.is_sealed_with(key)
    assert run(capsys, 'audit', 'verify') == (0, 'The audit trail is intact: 0 events checked.\n')


def test_an_anchor_pins_the_trail_against_someone_who_holds_the_key(database: Path, environment: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, 'audit', 'anchor')
    assert code == 0, output
    code_line = output.splitlines()[0]
    assert code_line.startswith(f'Audit anchor: {EVENTS + 1}-')  # the anchor's own event is covered
    anchor = code_line.removeprefix('Audit anchor: ')
    assert Anchor.parse(anchor).matches(row_of(database, EVENTS + 1)['mac'])
    assert run(capsys, 'audit', 'verify', '--anchor', anchor)[0] == 0
    assert run(capsys, 'audit', 'verify', '--anchor', anchor.lower().replace('0', 'o'))[0] == 0  # as copied by hand

    # With the key, event #4 is rewritten and every MAC after it recomputed, head included.
    key = audit_key(environment)
    tamper(database, 'SELECT 1')
    with sqlite3.connect(database) as connection:
        previous = row_of(database, 3)['mac']
        for seq in range(4, EVENTS + 2):
            row = row_of(database, seq)
            if seq == 4:
                row['detail'] = 'nothing happened here'
            row['prev_mac'] = previous
            row['mac'] = previous = mac_of(key, row)
            connection.execute('UPDATE audit_event SET detail = ?, prev_mac = ?, mac = ? WHERE seq = ?',
                               (row['detail'], row['prev_mac'], row['mac'], seq))
    write_head(environment, key, EVENTS + 1, previous)
    assert verify(capsys)[0] == 0  # the chain and the sealed head agree: only the anchor can tell
    code, output = run(capsys, 'audit', 'verify', '--anchor', anchor)
    assert code == 1
    assert f'at event #{EVENTS + 1}: it is not the event the anchor was taken of' in output


def test_an_anchor_of_events_cut_off_later_fails(database: Path, environment: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    anchor = run(capsys, 'audit', 'anchor')[1].splitlines()[0].removeprefix('Audit anchor: ')
    tamper(database, 'DELETE FROM audit_event WHERE seq > 5')
    last = row_of(database, 5)
    write_head(environment, audit_key(environment), 5, last['mac'])  # a key holder's head
    assert verify(capsys)[0] == 0
    code, output = run(capsys, 'audit', 'verify', '--anchor', anchor)
    assert code == 1 and 'but the trail ends at #5: events were cut off the end' in output


@pytest.mark.parametrize('code', ['', '12', 'abc-ABCD-EFGH-JKMN-PQRS', '12-ABCD-EFGH-JKMN-PQR',
                                  '12-ABCD-EFGH-JKMN-PQRU'])
def test_a_mistyped_anchor_is_one_sentence(database: Path, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, output = run(capsys, 'audit', 'verify', '--anchor', code or ' ')
    assert exit_code == 2 and 'is not an audit anchor (it looks like 1234-ABCD-EFGH-JKMN-PQRS)' in output


def test_anchors_round_trip() -> None:
    mac = mac_of(b'k' * 32, dict.fromkeys(CHAINED_COLUMNS, 'x') | {'occurred_at': 'x'})
    anchor = Anchor.of_event(123, mac)
    assert Anchor.parse(anchor.code) == anchor and len(anchor.code) == len('123-ABCD-EFGH-JKMN-PQRS')


# -- the audit key ---------------------------------------------------------------------------------

@pytest.mark.parametrize('content', ['not hex at all', 'ab' * 16, ''])
def test_a_damaged_key_is_one_sentence_and_exit_2(database: Path, environment: Path, content: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (environment / 'keys' / 'audit.key').write_text(content)
    code, output = verify(capsys)
    assert code == 2
    assert 'audit.key is damaged (it must be 64 hexadecimal characters)' in output and 'Traceback' not in output


def test_a_missing_key_is_never_replaced_by_a_new_one(database: Path, environment: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    key_file = environment / 'keys' / 'audit.key'
    key_file.unlink()
    code, output = verify(capsys)
    assert code == 2
    assert 'audit.key is missing' in output and 'Put back the keys folder' in output
    assert not key_file.exists()
    assert run(capsys, 'migrate')[0] == 2 and not key_file.exists()


def test_serve_refuses_to_start_without_the_key_of_a_used_installation(database: Path, environment: Path) -> None:
    key_file = environment / 'keys' / 'audit.key'
    key_file.unlink()
    served = prospine('serve', env=cli_env(environment, PROSPINE_DATABASE_URL=f'sqlite://{database}',
                                           PROSPINE_PORT=str(free_port()), PROSPINE_HOST='127.0.0.1'))
    assert served.returncode == 2, served.stdout + served.stderr
    assert 'audit.key is missing' in served.stderr and 'Traceback' not in served.stderr
    assert not key_file.exists()
