"""ascurate uses trafilatura, langdetect and Prefect through their public APIs. This test
lists every use of a private name of theirs in src/ (an `_x` name or attribute, a private
or undocumented module, a private Prefect setting) and fails on any outside the guarded,
optional modules that check the exact version they were verified against."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ascurate"
LIBRARIES = ("trafilatura", "langdetect", "prefect")
# the documented modules of the two small libraries (Prefect's public modules are many: only
# underscore names count as private there)
PUBLIC_MODULES = {"trafilatura", "trafilatura.settings", "trafilatura.meta",
                  "langdetect", "langdetect.lang_detect_exception"}
# opt-in speed-ups that check the version they were verified against at start-up, fall back
# to the stock path, and are compared with it by a test (docs/cleaning.md)
GUARDED = {"compiled_xpaths.py", "native_xpaths.py"}


def _private_module(module: str) -> bool:
    top = module.split(".")[0]
    if top not in LIBRARIES:
        return False
    if any(part.startswith("_") for part in module.split(".")):
        return True
    return top != "prefect" and module not in PUBLIC_MODULES


def private_uses(path: Path, root: Path = SRC) -> list[str]:
    """`file:line: what` for each private use of LIBRARIES in one source file."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    rel = path.relative_to(root).as_posix()
    found: list[str] = []
    aliases: set[str] = set()  # local names bound to a library module
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in LIBRARIES:
                    aliases.add((a.asname or a.name).split(".")[0])
                    if _private_module(a.name):
                        found.append(f"{rel}:{node.lineno}: import {a.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] not in LIBRARIES:
                continue
            if _private_module(node.module):
                found.append(f"{rel}:{node.lineno}: from {node.module} import ...")
            for a in node.names:
                if a.name.startswith("_"):
                    found.append(f"{rel}:{node.lineno}: from {node.module} import {a.name}")
                aliases.add(a.asname or a.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in aliases:
                found.append(f"{rel}:{node.lineno}: {ast.unparse(node)}")
    for i, line in enumerate(text.splitlines(), 1):
        if re.search(r"PREFECT__[A-Z]", line):  # Prefect's private settings (double underscore)
            found.append(f"{rel}:{i}: private Prefect setting {re.search(r'PREFECT__[A-Z_]+', line)[0]}")
    return found


def test_the_lister_finds_private_uses(tmp_path):
    """It sees the forms that were in use before: private modules, names, attributes, settings."""
    f = tmp_path / "x.py"
    f.write_text("import langdetect.detector_factory as fm\nfrom langdetect import DetectorFactory, detect_langs\n"
                 "import trafilatura\nfrom prefect.settings import PREFECT_API_URL\n"
                 "x = fm._factory\ny = trafilatura.core._forum_thread_page\nenv = {'PREFECT__SERVER_FINAL': '1'}\n")
    uses = private_uses(f, tmp_path)
    assert len(uses) == 4, uses
    assert any("detector_factory" in u for u in uses) and any("fm._factory" in u for u in uses)
    assert any("_forum_thread_page" in u for u in uses) and any("PREFECT__SERVER_FINAL" in u for u in uses)


def _uses(skip: set[str]) -> list[str]:
    return [u for p in sorted(SRC.rglob("*.py")) if p.name not in skip for u in private_uses(p)]


def test_no_private_names_outside_guarded_modules():
    uses = _uses(GUARDED)
    assert not uses, "private names of trafilatura, langdetect or Prefect:\n" + "\n".join(uses)


def test_extract_uses_trafilatura_public_api():
    modules = [p for p in sorted((SRC / "extract").glob("*.py")) if p.name not in GUARDED]
    assert len(modules) >= 4  # the adapter, blocks, metadata, text layout
    uses = [u for p in modules for u in private_uses(p)]
    assert not uses, "\n".join(uses)
