"""Async domain operations: validate, check permission and branch, change the models in one transaction.

Services never import NiceGUI; they take an `actor` and raise `app.errors` exceptions whose
messages pages show as they are.
"""
