"""Find and import the Prefect flows in the repository's `flows/` folder.

Flows live beside the package (Prefect deployments name them by file path), so the
CLI imports them by path: `ASCURATE_FLOWS`, else the checkout this package was
installed from, else `./flows`.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType


def flows_dir() -> Path:
    candidates = [os.environ.get("ASCURATE_FLOWS"), Path(__file__).resolve().parents[2] / "flows", Path("flows")]
    for c in candidates:
        if c and (Path(c) / "curate.py").is_file():
            return Path(c).resolve()
    raise FileNotFoundError("cannot find the flows/ folder: set ASCURATE_FLOWS to its path")


def load(name: str) -> ModuleType:
    mod_name = f"ascurate_flows.{name}"
    if mod_name in sys.modules:
        return sys.modules[mod_name]
    path = flows_dir() / f"{name}.py"
    spec = importlib.util.spec_from_file_location(mod_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load flow module {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    spec.loader.exec_module(module)
    return module
