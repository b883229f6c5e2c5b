"""ProSpine Clinic Dashboard: the application core (configuration, database, security, services)."""
