"""The walkthrough report over known runs: starts, completions, outcomes, drop-off per step."""

from kb.insights import OutcomeCount, Period, StepStats, walkthrough_report
from tests.insights.conftest import TODAY


def report(store, days, lang):
    with store.engine.connect() as conn:
        return walkthrough_report(conn, Period(days, TODAY), lang)


def test_week_in_both_languages(known):
    en, ru = report(known, 7, None)
    assert (en.lang, en.slug, en.block) == ("en", "call-next-process", "triage")
    assert (en.starts, en.completions, en.abandoned) == (4, 2, 2)
    assert en.outcomes == [
        OutcomeCount("resolved", "resolved", 1),
        OutcomeCount("transferred", "transferred", 1),
    ]
    # Four runs reached "ask", one stopped there; three reached "check", one stopped there.
    assert en.steps == [
        StepStats("ask", 4, 1),
        StepStats("check", 3, 1),
        StepStats("decide", 2, 0),
    ]
    assert (en.helpful, en.not_helpful) == (0, 1)
    assert (ru.starts, ru.completions, ru.steps) == (1, 0, [])


def test_a_longer_period_and_one_language(known):
    (en,) = report(known, 30, "en")
    assert (en.starts, en.completions) == (5, 3)
    assert en.outcomes[0] == OutcomeCount("resolved", "resolved", 2)
    assert en.steps[0] == StepStats("ask", 5, 1)


def test_a_run_is_counted_on_the_day_it_started(known):
    from tests.insights.conftest import add_run, at

    # Started 7 days ago at 23:59 (outside the week), finished inside it: not counted.
    add_run(known, "late", at(7, 23, 59), "en", "call-next-process", "triage", ["ask"], "resolved")
    (en, _ru) = report(known, 7, None)
    assert en.starts == 4
    assert report(known, 8, "en")[0].starts == 5


def test_no_runs(store):
    assert report(store, 90, None) == []
