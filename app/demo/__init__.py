"""Demo data: a two-branch Indian clinic with staff, patients, their records, their calendar and the audit trail.

`prospine demo-data --scale small|large` fills an empty database (`command`). The staff roster is
in `staff`, the vocabularies in `names` and `texts`, the day-by-day simulation in `clinic` (with
`regular`, the long-standing patient, and `courses`, each patient's course of visits), what each
visit writes in `visits`, `records` and `inquiries`, and the bulk writers (encrypted columns, the
audit chain) in `bulk`. The calendar: opening hours, shifts, holidays and leave in `hours` (set up
by `schedule`), free time in `calendar`, plan sessions in `series`, the days' attendance in
`attendance`, each appointment's events and row in `bookings`, and the waitlist in `waitlist`.
"""
