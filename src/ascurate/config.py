"""Run configuration: defaults, overridden by an `ascurate.toml` and then by arguments.

One frozen object is passed to every step so that a batch processed in another
process sees exactly what the flow saw; its fingerprint is part of every cache key,
so changing a rule or a setting reprocesses what it affects.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent / "rules"


_NOT_IN_OUTPUT = {"batch_size", "lock_wait"}  # settings that change how a run goes, not what it writes
_OWN_PART = {"editor_rules"}  # kept as a part of their own, so a rerun says what changed


@dataclass(frozen=True, slots=True)
class Config:
    languages: tuple[str, ...] = ("en", "de", "fr", "es")  # the languages the rules, flags and models are built for
    batch_size: int = 64  # documents per task: a Prefect task run costs several documents' time
    max_bytes: int = 20_000_000  # larger inputs get an error record instead of stalling a run
    doc_timeout: float = 60.0  # seconds one document may take in extraction and cleaning
    follow_symlinks: bool = False  # links in raw/ that point outside it are skipped unless set
    min_words: int = 20  # an article with fewer words of body text is rejected as empty
    preferred_sites: tuple[str, ...] = ()  # dedup: copies from these sites are kept first
    stale_review_years: float = 3.0
    rules_dirs: tuple[str, ...] = ()  # extra rule files (TOML) that extend or override the shipped ones
    site_overrides: dict[str, Any] = field(default_factory=dict)
    lock_wait: float = 10.0  # seconds a run waits for another run on the same curated/ (lock.py), then stops
    # editors' cleaning rules (clean/siterules.py): (id, site, kind, scope, text), read by the Curator
    editor_rules: tuple[tuple[str, str, str, str, str], ...] = ()

    def fingerprint(self) -> str:
        """Hash of `fingerprint_parts`: the run state's and the batch cache's key for what
        a document becomes, so a change to any part reprocesses it."""
        return hashlib.sha256(json.dumps(self.fingerprint_parts(), sort_keys=True).encode()).hexdigest()[:16]

    def fingerprint_parts(self) -> dict[str, str]:
        """What an article depends on besides its input's bytes: the settings, every rule
        file, ascurate's own code and model files, and the versions of the libraries that
        extract, detect language and sketch (`dependency_versions`). Kept by part, so a
        rerun can say which one changed (`changed_parts`)."""
        settings = {k: v for k, v in asdict(self).items() if k not in _NOT_IN_OUTPUT | _OWN_PART}
        rules = hashlib.sha256()
        for p in sorted(rule_files(self)):
            rules.update(p.name.encode() + b"\0" + p.read_bytes())
        return {"settings": hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16],
                "rules": rules.hexdigest()[:16], "ascurate": code_version(), **dependency_versions(),
                **({"editor-rules": editor_rules_digest(self.editor_rules)} if self.editor_rules else {})}


# the libraries whose version can change an article (extraction, parsing, language, dedup
# sketches, the models' runtime): an upgrade of any of them reprocesses the inputs
TRACKED = ("trafilatura", "lxml", "langdetect", "datasketch", "scikit-learn", "lightgbm", "py3langid", "wordfreq", "numpy",
           "beautifulsoup4", "charset-normalizer", "ftfy", "justext", "htmldate", "courlan")


@lru_cache(maxsize=1)
def dependency_versions() -> dict[str, str]:
    """Installed versions of TRACKED ("absent" when not installed) and of ascurate's model
    files (`ascurate.models.MODEL_VERSIONS`, else a digest of the files); once per process:
    an upgrade takes effect in a new one."""
    out = {}
    for name in TRACKED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    try:
        from . import models  # type: ignore[attr-defined]

        out.update({f"model:{k}": str(v) for k, v in getattr(models, "MODEL_VERSIONS", {}).items()})
    except ImportError:  # no model files in this version
        pass
    files = sorted(p for p in (Path(__file__).parent / "models").glob("*") if p.is_file() and p.suffix != ".pyc")
    if files:
        h = hashlib.sha256()
        for p in files:
            h.update(p.name.encode() + b"\0" + p.read_bytes())
        out["model-files"] = h.hexdigest()[:16]
    return out


def changed_parts(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What differs between two `fingerprint_parts`, for people: "trafilatura 2.3.1 -> 2.4.0"
    for a library or a model, "rules changed" for a digest."""
    out = []
    for k in sorted(old.keys() | new.keys()):
        a, b = old.get(k, "absent"), new.get(k, "absent")
        if a == b:
            continue
        if k == "editor-rules":
            sites = sorted(editor_rule_sites(old.get(k), new.get(k)))
            out.append(f"editors' site rules changed for {', '.join(sites[:5])}{' ...' if len(sites) > 5 else ''}")
        elif k in ("settings", "rules", "ascurate", "model-files"):
            out.append(f"{'ascurate code' if k == 'ascurate' else k} changed")
        else:
            out.append(f"{k} {a} -> {b}")
    return out


def editor_rules_digest(rules: tuple[tuple[str, ...], ...]) -> str:
    """The fingerprint part of editors' cleaning rules: a digest per site, as JSON, so a run
    can tell which sites' rules changed (absent when there are none, so a curated folder
    without rules keeps the fingerprint it had)."""
    sites: dict[str, list[tuple[str, ...]]] = {}
    for r in rules:
        sites.setdefault(r[1], []).append(tuple(r))
    return json.dumps({site: hashlib.sha256(json.dumps(sorted(rs)).encode()).hexdigest()[:16]
                       for site, rs in sorted(sites.items())}, sort_keys=True)


def editor_rule_sites(old: str | None, new: str | None) -> set[str]:
    """The sites whose editors' rules differ between two `editor-rules` parts."""
    a, b = json.loads(old or "{}"), json.loads(new or "{}")
    return {site for site in a.keys() | b.keys() if a.get(site) != b.get(site)}


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the package's own source (the flows included): an upgraded ascurate
    reprocesses what it wrote before, instead of keeping articles that older code made."""
    h = hashlib.sha256()
    pkg = Path(__file__).parent
    for p in sorted(pkg.rglob("*.py")):
        h.update(p.relative_to(pkg).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def rule_files(cfg: Config) -> list[Path]:
    """The rule files in load order: the built-in folder's, then each of `rules_dirs`
    (a folder's *.toml, or a file). Listed again only when a folder changes (its mtime):
    every document's steps ask."""
    dirs = (str(RULES_DIR), *cfg.rules_dirs)
    stamp = tuple(_mtime(d) for d in dirs)
    hit = _listed.get(dirs)
    if hit is None or hit[0] != stamp:
        files: list[Path] = []
        for d in dirs:
            p = Path(d)
            files.extend(sorted(p.glob("*.toml")) if p.is_dir() else [p])
        hit = _listed[dirs] = (stamp, files)
    return list(hit[1])


_listed: dict[tuple[str, ...], tuple[tuple[int, ...], list[Path]]] = {}


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


class ConfigError(ValueError):
    """A setting that cannot work (its message is one line for the person who set it)."""


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """The language codes langdetect can answer (its profile files' names), read without importing it."""
    from importlib.resources import files

    return frozenset(p.name for p in files("langdetect").joinpath("profiles").iterdir())


def check(cfg: Config) -> Config:
    """`cfg`, or ConfigError naming the first setting that cannot work: a batch of 0
    documents never finishes a run, and an unknown language code would reject every article."""
    for name in ("batch_size", "max_bytes"):
        value = getattr(cfg, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}")
    for name in ("doc_timeout", "lock_wait", "min_words", "stale_review_years"):
        value = getattr(cfg, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"{name} must be a number of at least 0, not {value!r}")
    if not cfg.languages:
        raise ConfigError("languages is empty: name at least one language code, e.g. en")
    unknown = [code for code in cfg.languages if code not in known_languages()]
    if unknown:
        raise ConfigError(f"unknown language code{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}: "
                          f"use ISO 639-1 codes such as en, de, fr (known: {', '.join(sorted(known_languages()))})")
    return cfg


def load_config(path: str | Path | None = None, missing_ok: bool = True, **overrides: Any) -> Config:
    """Read `ascurate.toml` (or the given file) if present, then apply overrides; ConfigError
    if a setting cannot work, or if `path` is given with `missing_ok=False` and is not a file."""
    values: dict[str, Any] = {}
    p = Path(path) if path else Path("ascurate.toml")
    if path and not missing_ok and not p.is_file():
        raise ConfigError(f"config file {p} does not exist")
    if p.is_file():
        with p.open("rb") as fh:
            values.update(tomllib.load(fh).get("ascurate", {}))
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Config)} - _OWN_PART  # editors' rules come from their files, not settings
    unknown = set(values) - known
    if unknown:
        raise ConfigError(f"unknown settings in {p}: {', '.join(sorted(unknown))}")
    for k in ("languages", "preferred_sites", "rules_dirs"):
        if k in values and isinstance(values[k], str):
            values[k] = tuple(s.strip() for s in values[k].split(",") if s.strip())
        elif k in values:
            values[k] = tuple(values[k])
    return check(replace(Config(), **values))
