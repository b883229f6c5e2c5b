"""Tortoise models, one module per aggregate. Imports nothing of the application but field types."""

MODEL_MODULES = ['models.clinic', 'models.accounts', 'models.audit']
