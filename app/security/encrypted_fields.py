"""Encrypted columns: a model declares `EncryptedTextField()` once and code reads and writes plain text.

Each value is encrypted with the current key of the data directory's keyring (AES-GCM) and bound to
`table.column.pk`, so a ciphertext copied to another row or column fails to decrypt. The row's primary
key must therefore be known before the value is saved: such models use client-generated primary keys
(`UUIDField(primary_key=True, default=uuid4)`), or rows are created first and the field set afterwards.
Values are decrypted when rows are loaded (`EncryptedFieldsMixin`); `values()`/`values_list()` and
raw SQL see ciphertext, and the fields can be neither filtered on nor changed with `QuerySet.update()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from tortoise import Tortoise, fields
from tortoise.models import Model

from app.config import get_settings
from app.security.keyring import LEGACY_TOKEN_VERSION, Keyring, keyring


class EncryptedFieldError(TypeError):
    """An encrypted field was used in a way that cannot work (a programming error, not the user's)."""


class EncryptedTextField(fields.TextField):
    """Text stored encrypted and bound to its table, column and row; None stays None."""

    holds_health_data = True  # the audit trail names such fields but never records their values

    def describe(self, serializable: bool) -> dict[str, Any]:
        """Describe the column as the TEXT it is in the database, so aerich sees no type change."""
        description = super().describe(serializable)
        description['field_type'] = 'TextField' if serializable else fields.TextField
        return description

    @property
    def column(self) -> str:
        return self.source_field or self.model_field_name

    def to_db_value(self, value: Any, instance: type[Model] | Model | None) -> str | None:
        if value is None:
            return None
        if not isinstance(instance, Model):
            raise EncryptedFieldError(
                f'{self._name(instance)} is encrypted, so it cannot be filtered on or changed with '
                'QuerySet.update(); load the row and save the value through the instance.')
        if not isinstance(instance, EncryptedFieldsMixin):
            raise EncryptedFieldError(f'{self._name(instance)} is encrypted, so {type(instance).__name__} '
                                      'must inherit EncryptedFieldsMixin (before Model) to read it back.')
        if instance.pk is None:
            raise EncryptedFieldError(
                f'{self._name(instance)} is encrypted with its row id, which is not known yet: give the model '
                'a client-generated primary key (UUIDField default uuid4) or create the row first.')
        text = value if isinstance(value, str) else str(value)
        self.validate(text)
        return _keyring().encrypt(text.encode(), context=value_context(type(instance), self, instance.pk))

    def decrypt(self, model: type[Model], token: str, *, pk: Any) -> str:
        """Decrypt a stored value of this column in row `pk` (raises DecryptionFailed when it is not from there)."""
        if token.startswith(f'{LEGACY_TOKEN_VERSION}:'):
            context = f'{model._meta.db_table}.{self.column}:{_normal_pk(model, pk)}'  # as SecretBox bound it
        else:
            context = value_context(model, self, pk)
        return _keyring().decrypt(token, context=context).decode()

    def _name(self, instance: type[Model] | Model | None) -> str:
        if instance is None:
            return f'The field {self.model_field_name}'
        model = instance if isinstance(instance, type) else type(instance)
        return f'{model.__name__}.{self.model_field_name}'


F = TypeVar('F', bound=fields.Field)


def plain_health_field(field: F) -> F:
    """Mark a health field kept in the clear on purpose (reports group or add up by it in SQL): the audit
    trail names it but never records its value, as for the encrypted ones. Each use says why it stays plain."""
    field.holds_health_data = True  # type: ignore[attr-defined]
    return field


class EncryptedFieldsMixin:
    """Decrypts the model's EncryptedTextFields when rows are loaded; put it before `Model` in the bases."""

    @classmethod
    def _init_from_db(cls, **kwargs: Any) -> Any:
        instance = super()._init_from_db(**kwargs)  # type: ignore[misc]
        loaded = instance.__dict__
        for name, field in encrypted_fields_of(cls):  # type: ignore[arg-type]
            token = loaded.get(name)
            if token is None:
                continue
            pk = loaded.get(cls._meta.pk_attr)  # type: ignore[attr-defined]
            if pk is None:
                raise EncryptedFieldError(f'{cls.__name__}.{name} is encrypted with its row id: '
                                          'select the primary key together with it.')
            object.__setattr__(instance, name, field.decrypt(cls, token, pk=pk))  # type: ignore[arg-type]
        return instance

    async def refresh_from_db(self, fields: Iterable[str] | None = None, using_db: Any = None) -> None:
        """Refresh like Tortoise does, loading the primary key too (the encrypted values are bound to it)."""
        if fields is not None:
            fields = {*fields, self._meta.pk_attr}  # type: ignore[attr-defined]
        await super().refresh_from_db(fields, using_db)  # type: ignore[misc]


@dataclass(frozen=True)
class EncryptedColumn:
    """One encrypted column of one model."""

    model: type[Model]
    field_name: str
    field: EncryptedTextField

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def column(self) -> str:
        return self.field.column

    @property
    def pk_column(self) -> str:
        return self.model._meta.db_pk_column


def encrypted_columns() -> list[EncryptedColumn]:
    """List every encrypted column of every model Tortoise knows."""
    return [EncryptedColumn(model, name, field)
            for app in Tortoise.apps.values()
            for model in app.values()
            for name, field in encrypted_fields_of(model)]


@cache
def encrypted_fields_of(model: type[Model]) -> tuple[tuple[str, EncryptedTextField], ...]:
    return tuple((name, field) for name, field in model._meta.fields_map.items()
                 if isinstance(field, EncryptedTextField))


def value_context(model: type[Model], field: EncryptedTextField, pk: Any) -> str:
    """What a value is bound to: `table.column.pk`."""
    return f'{model._meta.db_table}.{field.column}.{_normal_pk(model, pk)}'


def _normal_pk(model: type[Model], pk: Any) -> str:
    """The primary key as the database gives it back (a UUID given as text prints the same as one loaded)."""
    return str(model._meta.pk.to_python_value(pk))


def _keyring() -> Keyring:
    return keyring(get_settings().data_dir)
