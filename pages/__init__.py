"""One module per screen. Each page declares its permission with `@guarded_page` as it is imported.

Importing this package registers every screen: `SCREENS` names them all, and
`tests/test_navigation.py` fails when a module in this folder is missing from it.
"""

from pages import (
    account,
    admin_backups,
    admin_branches,
    admin_hours,
    admin_prices,
    admin_staff_profile,
    admin_users,
    audit,
    billing,
    billing_files,
    book,
    calendar,
    expense_files,
    expenses,
    home,
    inquiries,
    invoices,
    login,
    patient,
    patient_files,
    patients,
    record_copy,
    reminders,
    report_files,
    reports,
    setup,
    today,
    token,
    two_factor,
    waitlist,
)

SCREENS = (login, setup, home, account, two_factor, patients, patient, record_copy, inquiries, invoices, billing,
           calendar, today, token, reminders, waitlist, book, audit, admin_users, admin_staff_profile, admin_branches,
           admin_hours, admin_prices, admin_backups, expenses, reports)
# Plain HTTP routes (`add_file_routes`), behind the same admission rules.
FILE_ROUTES = (patient_files, billing_files, expense_files, report_files)
