"""Walking the call-back procedure along paths kept in the URL."""

from __future__ import annotations

import pytest

from kb.guidance.engine import MAX_PATH, split_path, walk

from .conftest import load, make_block, spec_of


@pytest.fixture(scope="module")
def call_back():
    (spec,), _ = load("en", "call-back")
    return spec


# The path to the "resolve" step once the customer answered, agreed and has time.
TALKING = "answered.next.yes.yes"


def test_the_empty_path_is_the_first_step(call_back):
    position = walk(call_back, "")
    assert position.step.id == "reason"
    assert position.outcome is None
    assert position.taken == 0
    assert position.back is None
    assert position.path == ""
    assert not position.invalid
    assert position.remaining == (4, 6)


@pytest.mark.parametrize(
    ("path", "outcome"),
    [
        # the SR depends on the reason chosen at the start...
        (f"login.{TALKING}.done", "sr-spoke"),
        (f"exchange.{TALKING}.done", "refund-final"),
        (f"voicemail.{TALKING}.done", "standard-sr"),
        # ...and on whether they hung up,
        (f"login.{TALKING}.hung-up", "hung-up-login"),
        (f"exchange.{TALKING}.hung-up", "hung-up-refund"),
        (f"voicemail.{TALKING}.hung-up", "hung-up-apology"),
        # ...or did not answer, with or without a voicemail left,
        ("login.no-answer.left.next", "sr-voicemail"),
        ("login.no-answer.none.next", "sr-no-voicemail"),
        ("exchange.no-answer.left.next", "refund-final"),
        ("voicemail.no-answer.none.next", "standard-sr"),
        # ...with the same steps walked every time.
        ("login.answered.next.no", "by-email"),
        ("login.answered.next.yes.no.later", "call-back-set"),
        ("login.answered.next.yes.no.email", "by-email"),
    ],
)
def test_conditional_next_uses_earlier_answers(call_back, path, outcome):
    position = walk(call_back, path)
    assert position.outcome is not None and position.outcome.id == outcome
    assert position.step is None
    assert position.remaining == (0, 0)
    assert not position.invalid


def test_the_trail_pairs_each_step_with_the_choice_made(call_back):
    position = walk(call_back, f"login.{TALKING}")
    assert [(t.step.id, t.choice.id) for t in position.trail] == [
        ("reason", "login"),
        ("dial", "answered"),
        ("introduce", "next"),
        ("recording", "yes"),
        ("good-time", "yes"),
    ]
    assert position.step.id == "resolve"
    assert dict(position.answers) == {"reason": "login", "answered": "yes"}
    assert position.taken == 5
    assert position.remaining == (1, 1)


def test_back_drops_the_last_choice_and_choose_adds_one(call_back):
    position = walk(call_back, "login.answered")
    assert position.back == "login"
    assert walk(call_back, position.back).step.id == "dial"
    assert position.choose("next") == "login.answered.next"
    assert walk(call_back, position.choose("next")).step.id == "recording"


def test_a_list_of_ids_works_like_the_text(call_back):
    assert walk(call_back, ["login", "answered"]).path == "login.answered"


@pytest.mark.parametrize(
    ("path", "kept", "step"),
    [
        ("login.hung-up", "login", "dial"),  # no such choice at this step
        ("nonsense", "", "reason"),
        (f"login.{TALKING}.done.more", f"login.{TALKING}.done", None),  # past the outcome
        ("login..answered.", "login.answered", "introduce"),  # empty parts are ignored
        ("<script>.x", "", "reason"),
    ],
)
def test_an_invalid_path_falls_back_to_its_longest_valid_beginning(call_back, path, kept, step):
    position = walk(call_back, path)
    assert position.path == kept
    assert (position.step.id if position.step else None) == step
    assert position.invalid is (path != "login..answered.")


def test_a_path_that_is_far_too_long_is_cut_without_raising(call_back):
    position = walk(call_back, ".".join(["login"] * 10_000))
    assert position.invalid
    assert position.path == "login"
    assert len(split_path("a." * (MAX_PATH + 50))) == MAX_PATH + 1


def test_a_try_again_loop_can_be_walked_round_several_times():
    spec = spec_of(
        make_block(
            "walkthrough",
            """
            id: retry
            title: Retry
            steps:
              - id: ask
                title: Did it work?
                choices:
                  - {id: again, label: Try again, next: ask}
                  - {id: done, label: It worked, next: fixed}
            outcomes:
              - {id: fixed, title: Fixed, kind: resolved}
            """,
        )
    )
    position = walk(spec, "again.again.again")
    assert position.step.id == "ask" and position.taken == 3 and not position.invalid
    assert walk(spec, "again.done").outcome.id == "fixed"
