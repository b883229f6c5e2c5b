"""Passwords, password policy, secrets kept in the data directory, and two-factor codes."""
