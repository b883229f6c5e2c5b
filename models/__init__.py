"""Tortoise models, one module per aggregate. Imports nothing of the application but field types."""

from models.utc import store_datetimes_in_utc

MODEL_MODULES = ['models.clinic', 'models.accounts', 'models.audit', 'models.patients', 'models.registrations',
                 'models.outcomes',
                 'models.plans', 'models.inquiries', 'models.clinical', 'models.scheduling',
                 'models.billing']

store_datetimes_in_utc()
