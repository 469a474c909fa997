"""The README tells the truth about what it can be checked against."""

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_read_from_the_environment_is_documented():
    source = (Path(__file__).resolve().parent.parent / "kb" / "config.py").read_text()
    names = set(re.findall(r'env\("([A-Z_]+)"', source)) | set(
        re.findall(r'_env_\w+\("([A-Z_]+)"', source)
    )
    assert names, "no settings found: has kb/config.py changed shape?"
    missing = sorted(n for n in names if f"`{n}`" not in README)
    assert missing == []


def test_every_make_target_named_in_the_readme_exists():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    named = set(re.findall(r"`make ([a-z][\w-]*)", README))
    assert named and named <= targets, named - targets
