"""The walkthrough report over known runs: starts, completions, outcomes, drop-off per step."""

from kb.insights import OutcomeCount, Period, StepStats, walkthrough_report
from tests.insights.conftest import TODAY


def report(store, days, lang):
    with store.engine.connect() as conn:
        return walkthrough_report(conn, Period(days, TODAY), lang)


def test_week_in_both_languages_is_one_procedure(known):
    """The English and Russian pages of a walkthrough share their ids: one row, runs summed."""
    (both,) = report(known, 7, None)
    assert (both.lang, both.slug, both.block) == ("", "call-next-process", "triage")
    assert (both.starts, both.completions, both.abandoned) == (5, 2, 3)
    assert both.outcomes == [
        OutcomeCount("resolved", "resolved", 1),
        OutcomeCount("transferred", "transferred", 1),
    ]
    # Four runs reached "ask", one stopped there; three reached "check", one stopped there.
    assert both.steps == [
        StepStats("ask", 4, 1),
        StepStats("check", 3, 1),
        StepStats("decide", 2, 0),
    ]
    assert (both.helpful, both.not_helpful) == (0, 1)
    (en,) = report(known, 7, "en")
    (ru,) = report(known, 7, "ru")
    assert (en.lang, en.starts, ru.lang, ru.starts, ru.steps) == ("en", 4, "ru", 1, [])


def test_branches_are_the_runs_own_consecutive_steps(known):
    from kb.insights.walkthroughs import branch_counts

    with known.engine.connect() as conn:
        branches = branch_counts(conn, Period(7, TODAY), None, "call-next-process", "triage")
    assert branches[("ask", "check")] == 3 and branches[("check", "decide")] == 2
    assert sum(n for (a, _b), n in branches.items() if a == "decide") == 2  # to the outcomes


def test_a_longer_period_and_one_language(known):
    (en,) = report(known, 30, "en")
    assert (en.starts, en.completions) == (5, 3)
    assert en.outcomes[0] == OutcomeCount("resolved", "resolved", 2)
    assert en.steps[0] == StepStats("ask", 5, 1)


def test_a_run_is_counted_on_the_day_it_started(known):
    from tests.insights.conftest import add_run, at

    # Started 7 days ago at 23:59 (outside the week), finished inside it: not counted.
    add_run(known, "late", at(7, 23, 59), "en", "call-next-process", "triage", ["ask"], "resolved")
    (both,) = report(known, 7, None)
    assert both.starts == 5
    assert report(known, 8, "en")[0].starts == 5


def test_no_runs(store):
    assert report(store, 90, None) == []
