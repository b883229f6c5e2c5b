"""Demo data: a two-branch Indian clinic with staff, patients, their records and the audit trail they made.

`prospine demo-data --scale small|large` fills an empty database (`command`). The staff roster is
in `staff`, the vocabularies in `names` and `texts`, the day-by-day simulation in `clinic` (with
`regular`, the long-standing patient), what each visit writes in `visits`, `records` and
`inquiries`, and the bulk writers (encrypted columns, the audit chain) in `bulk`.
"""
