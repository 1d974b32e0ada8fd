"""Team database passwords in the system keyring (the ``keyring`` package), never in settings.

A password is filed under the application id and ``user@host:port/database``, so each server
login has its own entry. Without a usable keyring the app asks for the password every time.
"""

from __future__ import annotations

from dataclasses import dataclass

from paddock_desk.identity import APP_ID


@dataclass(frozen=True)
class TeamLogin:
    """Where a team database is and who logs in (everything but the password)."""

    host: str
    port: int
    database: str
    user: str

    @property
    def entry(self) -> str:
        """The keyring's user name for this login."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str) -> str:
        from paddock_desk.services.season import team_database_url

        return team_database_url(self.host, self.port, self.database, self.user, password)

    @classmethod
    def from_url(cls, url: str) -> TeamLogin:
        """The login a PostgreSQL URL (with or without password) names."""
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(url)
        return cls(parts.hostname or "localhost", parts.port or 5432,
                   unquote(parts.path.lstrip("/")), unquote(parts.username or ""))


class KeyringUnavailable(Exception):
    """No system keyring can keep the password (it is asked for each time)."""


def saved_password(login: TeamLogin) -> str | None:
    """The password kept for ``login``, or None; KeyringUnavailable without a keyring."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(APP_ID, login.entry)
    except KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def save_password(login: TeamLogin, password: str) -> None:
    """Keep ``password`` for ``login`` in the keyring; KeyringUnavailable without one."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(APP_ID, login.entry, password)
    except KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def forget_password(login: TeamLogin) -> None:
    """Drop the kept password (after the server refused it)."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(APP_ID, login.entry)
    except (PasswordDeleteError, KeyringError):
        pass
