"""The answer-level evaluation: `python -m benchmarks.answers [--distractors N]`.

Builds the shipped articles plus N generated distractor procedures per language (see
benchmarks.distractors) with the site's own engine factory, asks every question of
benchmarks.answer_questions, and prints, for the dev and the test half: answer@1 (the first
passage shown answers), success@3 (an answering passage among the first three shown) by the
kind of passage that answers, and MRR@10; then how often the answer card shows and how often
it is right. Figures only: nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks import distractors
from benchmarks.answer_questions import Question, questions
from kb.content import load_library
from kb.search_engine import build_engine

SHIPPED = Path(__file__).resolve().parent.parent / "articles"


def passage_kind(anchor: str) -> str:
    """What kind of passage an anchor names: row, step, checklist, calculator, routing, section."""
    for prefix, kind in (("wt-", "step"), ("cl-", "checklist"), ("calc-", "calculator")):
        if anchor.startswith(prefix):
            return kind
    if anchor.startswith("rt-"):
        return "routing"
    if anchor.startswith("dt-"):
        return "row"
    return "section"


def shown(found) -> list[tuple[str, str]]:
    """(slug, anchor) of the passages in the order the results page shows them."""
    out = []
    for hit in found.hits:
        out.append((hit.slug, hit.anchor))
        out.extend((p.slug, p.anchor) for p in getattr(hit, "also", ()))
    return out


def rank(q: Question, found) -> int | None:
    for i, (slug, anchor) in enumerate(shown(found)[:10], 1):
        if slug == q.slug and anchor in q.anchors:
            return i
    return None


def build(workdir: Path, count: int):
    articles = workdir / "articles"
    shutil.copytree(SHIPPED, articles)
    distractors.generate(articles, count)
    library = load_library(articles)
    engine = build_engine(workdir / "index", synonyms=articles)
    start = time.perf_counter()
    engine.rebuild(library)
    print(f"{len(library.articles)} articles indexed in {time.perf_counter() - start:.1f} s")
    return engine


def evaluate(engine, items: list[Question], verbose: bool = False) -> dict:
    ranks, cards, card_right, by_kind = [], 0, 0, defaultdict(list)
    misses = []
    for q in items:
        found = engine.search(q.text, q.lang, limit=10)
        r = rank(q, found)
        ranks.append(r)
        by_kind[passage_kind(q.anchors[0])].append(r)
        card = getattr(found, "answer", None)
        if card is not None:
            cards += 1
            card_right += card.slug == q.slug and card.anchor in q.anchors
        if r != 1:
            misses.append((q, shown(found)[:3]))
    n = len(items)
    out = {
        "answer@1": sum(r == 1 for r in ranks) / n,
        "success@3": sum(r is not None and r <= 3 for r in ranks) / n,
        "MRR@10": statistics.fmean(1 / r if r else 0.0 for r in ranks),
        "by kind": {
            k: (sum(r is not None and r <= 3 for r in v) / len(v), len(v))
            for k, v in sorted(by_kind.items())
        },
        "card shown": cards / n,
        "card right": card_right / cards if cards else 0.0,
        "n": n,
    }
    if verbose:
        for q, top in misses:
            print(f"  MISS [{q.lang}] {q.text!r} → want {q.anchors[0]}; got {top}")
    return out


def report(name: str, figures: dict) -> None:
    kinds = ", ".join(f"{k} {v:.2f} (n={n})" for k, (v, n) in figures["by kind"].items())
    print(
        f"{name:<10} n={figures['n']:<4} answer@1 {figures['answer@1']:.3f}  "
        f"success@3 {figures['success@3']:.3f}  MRR@10 {figures['MRR@10']:.3f}  "
        f"card shown {figures['card shown']:.2f}, right {figures['card right']:.2f}"
    )
    print(f"{'':<10} success@3 by kind: {kinds}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distractors", type=int, default=400, help="procedures per language")
    parser.add_argument("--misses", action="store_true", help="list the dev questions missed")
    parser.add_argument("--reuse", type=Path, help="build once into this folder, then reuse it")
    args = parser.parse_args(argv)
    workdir = args.reuse or Path(tempfile.mkdtemp(prefix="kb-answers-"))
    try:
        if args.reuse and (workdir / "index").exists():
            engine = build_engine(workdir / "index", synonyms=workdir / "articles")
        else:
            engine = build(workdir, args.distractors)
        every = questions()
        for split in ("dev", "test"):
            items = [q for q in every if q.split == split]
            report(split, evaluate(engine, items, verbose=args.misses and split == "dev"))
            for lang in ("en", "ru"):
                report(f"  {split} {lang}", evaluate(engine, [q for q in items if q.lang == lang]))
        engine.close()
    finally:
        if not args.reuse:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
