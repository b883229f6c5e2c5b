"""Tortoise models, one module per aggregate. Imports nothing of the application but field types."""

MODEL_MODULES = ['models.clinic', 'models.accounts', 'models.audit', 'models.patients', 'models.registrations',
                 'models.outcomes',
                 'models.plans', 'models.inquiries', 'models.clinical']
