"""Encrypted backups of a SQLite installation, and their restore.

- `make`: snapshot (SQLite's online backup API), pack, seal and name a backup; audit it; prune.
- `restore`: check a backup completely, swap it in, verify the audit chain (app stopped).
- `archive`: the sealed-chunk file format; `pack`: the tar stream inside it.
- `store`: the backups folder; `schedule`: the daily backup of a serving app.
- `commands`: what `prospine backup` and `prospine restore` print.
"""
