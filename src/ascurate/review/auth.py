"""Editor accounts and sign-in sessions.

Passwords are hashed with argon2id (argon2-cffi). A session is a random token in an
HttpOnly cookie; the store keeps only its SHA-256, with an expiry and the CSRF token
that every form of that session must carry. Roles: editor (decides), medical (decides, and
signs off medical content: medical.py) and viewer (reads).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import Session as SessionRow
from .models import User

ROLES = ("editor", "medical", "viewer")
MIN_PASSWORD = 8
_hasher = PasswordHasher()


@functools.cache
def _dummy() -> str:
    """A hash to verify against when the user does not exist, made when the review app
    starts (`warm`), not on import: an argon2 hash is slow on purpose, and every command
    that imports this module would pay for it."""
    return _hasher.hash("not a real password")


def warm() -> None:
    _dummy()


class AuthError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Signed:
    """Who a request belongs to."""

    username: str
    role: str
    csrf: str

    @property
    def can_decide(self) -> bool:
        return self.role in ("editor", "medical")

    @property
    def can_sign_medical(self) -> bool:
        return self.role == "medical"


def add_user(s: Session, username: str, password: str, role: str = "editor") -> User:
    username = username.strip()
    if not username or len(username) > 80:
        raise AuthError("a user name is 1 to 80 characters")
    if role not in ROLES:
        raise AuthError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"a password has at least {MIN_PASSWORD} characters")
    if s.scalar(select(User).where(User.username == username)):
        raise AuthError(f"user {username} exists already")
    user = User(username=username, password_hash=_hasher.hash(password), role=role, created_at=datetime.now(UTC))
    s.add(user)
    return user


def authenticate(s: Session, username: str, password: str) -> User | None:
    user = s.scalar(select(User).where(User.username == username.strip()))
    try:
        _hasher.verify(user.password_hash if user else _dummy(), password)  # same cost whether or not the user exists
    except (VerificationError, InvalidHashError):
        return None
    if user and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def sign_in(sessions: Callable[[], Session], username: str, password: str, ttl: timedelta) -> str | None:
    """Check a password and start a session in one transaction of its own (the app runs
    this in a worker thread, throttle.SignInGate); the cookie value, or None."""
    with sessions() as s:
        user = authenticate(s, username, password)
        if user is None:
            return None
        token = start_session(s, user, ttl)
        s.commit()
        return token


# what the sign-in page may say: `/login?error=CODE` shows only these, never text from the URL
SIGN_IN_ERRORS = {
    "wrong": "Wrong user name or password.",
    "throttled": "Too many sign-in attempts: wait a few minutes and try again.",
    "busy": "Many people are signing in right now: try again in a moment.",
}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(s: Session, user: User, ttl: timedelta, now: datetime | None = None) -> str:
    """A new session for `user`; returns the cookie value (the store keeps only its hash)."""
    now = now or datetime.now(UTC)
    s.execute(delete(SessionRow).where(SessionRow.expires_at < now))
    token = secrets.token_urlsafe(32)
    s.add(SessionRow(token_hash=_digest(token), user_id=user.id, csrf=secrets.token_urlsafe(32), created_at=now,
                     expires_at=now + ttl))
    return token


def lookup(s: Session, token: str | None, now: datetime | None = None) -> Signed | None:
    if not token:
        return None
    row = s.get(SessionRow, _digest(token))
    if row is None:
        return None
    now = now or datetime.now(UTC)
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires <= now:
        s.delete(row)
        s.commit()
        return None
    return Signed(row.user.username, row.user.role, row.csrf)


def end_session(s: Session, token: str | None) -> None:
    if token:
        s.execute(delete(SessionRow).where(SessionRow.token_hash == _digest(token)))


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
