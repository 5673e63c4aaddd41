"""Looking after the review desk's accounts: remove a user, reset a password, change a
role, end a user's sessions (`ascurate review ...`).

Every change that alters what someone may do ends their sessions at once (a demoted or
removed editor keeps no open browser that can still decide), and every change is an
audit event (action `account`, the account in `reason`), so the history says who changed
whose access and when.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from . import audit, auth
from .models import Article, User
from .models import Session as SessionRow


class AccountError(ValueError):
    pass


def _user(s: Session, username: str) -> User:
    user = s.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise AccountError(f"no user {username!r}")
    return user


def _record(s: Session, by: str, what: str, before: str | None = None, after: str | None = None) -> None:
    audit.record(s, by, "account", reason=what, text_before=before, text_after=after, at=datetime.now(UTC))


def end_sessions(s: Session, username: str, by: str) -> int:
    """Sign the user out everywhere; returns how many sessions ended."""
    user = _user(s, username)
    n = s.scalar(select(func.count()).select_from(SessionRow).where(SessionRow.user_id == user.id)) or 0
    s.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
    _record(s, by, f"end sessions of {user.username} ({n})")
    return int(n)


def remove_user(s: Session, username: str, by: str) -> None:
    """Delete the account, its sessions and its claims; its decisions stay in the audit."""
    user = _user(s, username)
    s.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
    s.execute(update(Article).where(Article.claimed_by == user.username).values(claimed_by=None, claimed_until=None)
              .execution_options(synchronize_session=False))
    _record(s, by, f"remove user {user.username}", user.role, None)
    s.delete(user)


def reset_password(s: Session, username: str, password: str, by: str) -> None:
    """A new password; the old one's sessions end."""
    if len(password) < auth.MIN_PASSWORD:
        raise AccountError(f"a password has at least {auth.MIN_PASSWORD} characters")
    user = _user(s, username)
    user.password_hash = auth._hasher.hash(password)  # the same hasher (parameters) as sign-in
    s.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
    _record(s, by, f"reset password of {user.username}")


def set_role(s: Session, username: str, role: str, by: str) -> str:
    """Change the role; returns the old one. The user's sessions end (they carry the role)."""
    if role not in auth.ROLES:
        raise AccountError(f"role must be one of {', '.join(auth.ROLES)}")
    user = _user(s, username)
    old, user.role = user.role, role
    s.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
    _record(s, by, f"change role of {user.username}", old, role)
    return old
