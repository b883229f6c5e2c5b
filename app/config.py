"""Settings read from `PROSPINE_*` environment variables (and an optional `.env` file).

One immutable `Settings` object is built at start-up; an invalid value raises `ConfigError`
with one sentence naming the variable, which the command line prints before exiting with 2.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

PREFIX = 'PROSPINE_'


class ConfigError(ValueError):
    """A configuration value is missing or invalid; the message is one line for the admin."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything the process needs to know about where it runs."""

    data_dir: Path
    database_url: str
    host: str
    port: int
    timezone: str
    session_idle_minutes: int
    session_max_hours: int
    login_delay_after: int
    login_lock_after: int
    login_lock_minutes: int
    https: bool
    backup_keep: int = 14
    discount_limit_percent: int = 10
    # Addresses (or networks) of reverse proxies whose X-Forwarded-For / -Proto headers are believed.
    # Empty: none are, so a client cannot claim another address in the audit trail or the rate limits.
    trusted_proxies: tuple[str, ...] = ()
    # Several `prospine serve` processes tell each other's open screens what changed over Redis pub/sub.
    # Empty: one process, events stay in memory. The channel keeps two clinics on one Redis apart.
    redis_url: str = ''
    redis_channel: str = 'prospine:prospine'

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith('sqlite://')

    @property
    def is_memory_database(self) -> bool:
        return self.database_url == 'sqlite://:memory:'

    @property
    def log_dir(self) -> Path:
        return self.data_dir / 'logs'

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / 'uploads'

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / 'backups'


def load_settings(environ: dict[str, str] | None = None, *, env_file: Path | None = None) -> Settings:
    """Build the settings from the environment, a `.env` file filling in what the environment lacks."""
    env = dict(os.environ if environ is None else environ)
    env_path = env_file if env_file is not None else Path(env.get(f'{PREFIX}ENV_FILE', '.env'))
    if env_path.is_file():
        for key, value in dotenv_values(env_path).items():
            if key.startswith(PREFIX) and value is not None:
                env.setdefault(key, value)

    def raw(name: str, default: str) -> str:
        return env.get(PREFIX + name, default).strip()

    data_dir = Path(raw('DATA_DIR', './data')).expanduser()
    if not raw('DATA_DIR', './data'):
        raise ConfigError('PROSPINE_DATA_DIR must not be empty')
    if data_dir.exists() and not data_dir.is_dir():
        raise ConfigError(f'PROSPINE_DATA_DIR points to a file, not a folder: {data_dir}')
    data_dir = data_dir.resolve()

    database_url = raw('DATABASE_URL', '') or f'sqlite://{data_dir / "prospine.sqlite3"}'
    if database_url.startswith('postgresql://'):
        database_url = 'postgres://' + database_url.removeprefix('postgresql://')
    if not database_url.startswith(('sqlite://', 'postgres://')):
        raise ConfigError('PROSPINE_DATABASE_URL must start with sqlite:// or postgres://')

    timezone = raw('TIMEZONE', 'Asia/Kolkata')
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f'PROSPINE_TIMEZONE is not a known time zone: {timezone!r}') from None

    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        host=raw('HOST', '0.0.0.0') or '0.0.0.0',  # noqa: S104 - the clinic's LAN browsers must reach it
        port=_integer(raw('PORT', '8080'), 'PORT', low=1, high=65535),
        timezone=timezone,
        session_idle_minutes=_integer(raw('SESSION_IDLE_MINUTES', '15'), 'SESSION_IDLE_MINUTES', low=1, high=24 * 60),
        session_max_hours=_integer(raw('SESSION_MAX_HOURS', '12'), 'SESSION_MAX_HOURS', low=1, high=24 * 7),
        login_delay_after=_integer(raw('LOGIN_DELAY_AFTER', '5'), 'LOGIN_DELAY_AFTER', low=1, high=100),
        login_lock_after=_integer(raw('LOGIN_LOCK_AFTER', '10'), 'LOGIN_LOCK_AFTER', low=2, high=1000),
        login_lock_minutes=_integer(raw('LOGIN_LOCK_MINUTES', '15'), 'LOGIN_LOCK_MINUTES', low=1, high=24 * 60),
        https=_boolean(raw('HTTPS', 'false'), 'HTTPS'),
        backup_keep=_integer(raw('BACKUP_KEEP', '14'), 'BACKUP_KEEP', low=1, high=1000),
        discount_limit_percent=_integer(raw('DISCOUNT_LIMIT_PERCENT', '10'), 'DISCOUNT_LIMIT_PERCENT', low=0,
                                        high=100),
        trusted_proxies=_networks(raw('TRUSTED_PROXIES', ''), 'TRUSTED_PROXIES'),
        redis_url=_redis_url(raw('REDIS_URL', '')),
        redis_channel=_channel(raw('REDIS_CHANNEL', '') or f'prospine:{_database_name(database_url)}'),
    )


def _integer(value: str, name: str, *, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f'{PREFIX}{name} must be a whole number, got {value!r}') from None
    if not low <= number <= high:
        raise ConfigError(f'{PREFIX}{name} must be between {low} and {high}, got {number}')
    return number


def _redis_url(value: str) -> str:
    if value and not value.startswith(('redis://', 'rediss://', 'unix://')):
        raise ConfigError('PROSPINE_REDIS_URL must start with redis://, rediss:// or unix://')
    try:
        urlsplit(value).port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise ConfigError('PROSPINE_REDIS_URL has a port that is not a number') from None
    return value


def _database_name(database_url: str) -> str:
    """The database's name (PostgreSQL) or file name (SQLite): the default live-updates channel's suffix."""
    path = urlsplit(database_url).path if not database_url.startswith('sqlite://') else database_url[9:]
    return Path(path).stem or 'prospine'


def _channel(value: str) -> str:
    if not 0 < len(value) <= 100 or not value.isprintable() or any(c.isspace() for c in value):
        raise ConfigError(f'PROSPINE_REDIS_CHANNEL must be 1 to 100 characters without spaces, got {value!r}')
    return value


def _networks(value: str, name: str) -> tuple[str, ...]:
    """A comma-separated list of IP addresses or networks (`10.0.0.5, 192.168.1.0/24`)."""
    found = []
    for item in (part.strip() for part in value.split(',')):
        if not item:
            continue
        try:
            found.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ConfigError(f'{PREFIX}{name} must list IP addresses or networks separated by commas, '
                              f'got {item!r}') from None
    return tuple(found)


def _boolean(value: str, name: str) -> bool:
    lowered = value.lower()
    if lowered in {'1', 'true', 'yes', 'on'}:
        return True
    if lowered in {'0', 'false', 'no', 'off', ''}:
        return False
    raise ConfigError(f'{PREFIX}{name} must be true or false, got {value!r}')


_current: Settings | None = None


def get_settings() -> Settings:
    """Return the settings of this process, loading them on first use."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current


def use_settings(settings: Settings | None) -> None:
    """Install the settings of this process (start-up and tests)."""
    global _current
    _current = settings


def url_without_password(url: str) -> str:
    """A database URL fit to print or log: any password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f':{parts.password}@', ':***@')))
