"""One module per screen. Each page declares its permission with `@guarded_page`."""

import importlib

PAGE_MODULES = [
    'pages.login',
    'pages.setup',
    'pages.home',
    'pages.account',
    'pages.admin_users',
    'pages.admin_staff_profile',
    'pages.admin_branches',
    'pages.admin_backups',
    'pages.two_factor',
    'pages.audit',
    'pages.patient',
    'pages.record_copy',
    'pages.patients',
    'pages.inquiries',
    'pages.book',
]


def register_all() -> None:
    """Import every page module so its pages register (again, after a test reset)."""
    for name in PAGE_MODULES:
        importlib.import_module(name)
