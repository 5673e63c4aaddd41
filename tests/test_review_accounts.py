"""`ascurate review` account commands: remove a user, reset a password, change a role,
end a user's sessions; each ends the sessions it must and is in the audit."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ascurate.cli.main import app
from ascurate.review import auth
from ascurate.review.app import create_app

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store

from tests.test_review_api import sign_in  # noqa: E402


def test_account_commands_take_effect_at_once_and_are_audited(store, workdir):
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        auth.add_user(s, "bob", "battery staple", "editor")
        s.commit()
    cur = ["--curated", str(workdir / "curated"), "--by", "admin"]
    r = CliRunner()
    with TestClient(create_app(store)) as c:
        assert sign_in(c).url.path == "/queue"
        assert r.invoke(app, ["review", "end-sessions", "alice", *cur]).exit_code == 0
        assert c.get("/queue", follow_redirects=False).status_code == 303  # signed out
        sign_in(c)
        res = r.invoke(app, ["review", "set-role", "alice", "viewer", *cur])
        assert res.exit_code == 0 and "editor -> viewer" in res.output
        assert c.get("/queue", follow_redirects=False).status_code == 303
        sign_in(c)
        assert "Accept (a)" not in c.get("/articles/1").text  # a viewer now
        assert r.invoke(app, ["review", "set-role", "alice", "boss", *cur]).exit_code == 1
        res = r.invoke(app, ["review", "reset-password", "alice", *cur, "--password-stdin"], input="a new horse\n")
        assert res.exit_code == 0
        assert sign_in(c).status_code == 401 and sign_in(c, password="a new horse").url.path == "/queue"
        assert r.invoke(app, ["review", "reset-password", "alice", *cur, "--password-stdin"], input="short\n").exit_code == 1
        assert r.invoke(app, ["review", "remove-user", "bob", *cur, "--yes"]).exit_code == 0
        assert sign_in(c, "bob", "battery staple").status_code == 401
        assert r.invoke(app, ["review", "remove-user", "nobody", *cur, "--yes"]).exit_code == 1
    export = [json.loads(x) for x in r.invoke(app, ["review", "export", "--curated", str(workdir / "curated")])
              .output.splitlines()]
    assert [(e["editor"], e["action"], e["reason"]) for e in export] == [
        ("admin", "account", "end sessions of alice (1)"), ("admin", "account", "change role of alice"),
        ("admin", "account", "reset password of alice"), ("admin", "account", "remove user bob")]
    assert export[1]["text_before"] == "editor" and export[1]["text_after"] == "viewer"


def test_the_queue_from_a_shell_searches_too(store, workdir):
    res = CliRunner().invoke(app, ["review", "list", "--curated", str(workdir / "curated"), "-q", "diazepam", "--json"])
    assert res.exit_code == 0
    assert [json.loads(x)["source_key"] for x in res.output.splitlines()] == ["003_528403d0cb010f64.txt"]
