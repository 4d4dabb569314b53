"""What `pip install .` (not editable) puts into site-packages: every module and data file.

An editable install (the test command) reads the source tree, so a package or data file missing
from pyproject.toml would pass every other test and break the README's demo command."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatchcase
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ("bot", "knowledge", "scheduler")


def setuptools_config() -> dict:  # type: ignore[type-arg]
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]  # type: ignore[no-any-return]


def test_every_code_directory_is_a_package_the_wheel_includes() -> None:
    include = setuptools_config()["packages"]["find"]["include"]
    folders = {p.parent for top in CODE for p in (ROOT / top).rglob("*.py")}
    assert folders
    for folder in folders:
        if "__pycache__" in folder.parts:
            continue
        name = ".".join(folder.relative_to(ROOT).parts)
        assert (folder / "__init__.py").exists(), f"{name} has no __init__.py"
        assert any(fnmatchcase(name, pattern) for pattern in include), f"{name} not packaged"


def test_every_data_file_is_package_data() -> None:
    globs = setuptools_config()["package-data"]["knowledge"]
    data = [p for p in (ROOT / "knowledge" / "data").rglob("*") if p.is_file()]
    assert any(p.name == "corpus.json" for p in data)  # the demo corpus is among them
    for path in data:
        relative = path.relative_to(ROOT / "knowledge").as_posix()
        assert any(fnmatchcase(relative, g) for g in globs), f"{relative} not packaged"
