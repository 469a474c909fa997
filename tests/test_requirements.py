"""Every install is reproducible: each requirement, and each of its own, is pinned."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement

PROJECT = Path(__file__).resolve().parent.parent


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, Requirement]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins |= _pins(path.parent / line[3:].strip())
        elif line:
            requirement = Requirement(line)
            pins[_canonical(requirement.name)] = requirement
    return pins


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_and_its_own_are_pinned(name):
    pins = _pins(PROJECT / name)
    assert all(str(r.specifier).startswith("==") for r in pins.values()), pins
    unpinned = set()
    for requirement in pins.values():
        try:
            needs = requires(requirement.name) or []
        except PackageNotFoundError:
            pytest.fail(f"{requirement.name} is pinned in {name} but not installed")
        extras = {"", *requirement.extras}  # "": what every install needs
        for need in map(Requirement, needs):
            wanted = need.marker is None or any(
                need.marker.evaluate({"extra": extra}) for extra in extras
            )
            if wanted and _canonical(need.name) not in pins:
                unpinned.add(f"{need.name} (needed by {requirement.name})")
    assert sorted(unpinned) == []
