"""Fail on any untranslated or fuzzy catalogue entry: `python -m kb.i18n_check DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po


def catalogue_gaps(po_path: Path) -> list[str]:
    """Every entry of the catalogue that a reader would see untranslated, as a readable line."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    gaps = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            gaps.append(f"fuzzy: {msgid!r}")
        elif not all(strings):
            gaps.append(f"untranslated: {msgid!r}")
        elif isinstance(message.id, tuple) and len(strings) < catalog.num_plurals:
            gaps.append(f"missing plural forms: {msgid!r}")
    return gaps


def main(directory: str) -> int:
    problems = 0
    for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
        for gap in catalogue_gaps(po_path):
            print(f"{po_path}: {gap}", file=sys.stderr)
            problems += 1
    print(f"translations: {problems} untranslated or fuzzy entries")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "kb/translations"))
