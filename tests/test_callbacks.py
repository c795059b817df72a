"""The mark-editing rules the callbacks use (dashapp/page/marking.py), tested without a browser."""
import pytest

from dashapp.page import marking

LABELS = {"heel": "Heel", "sole": "Sole", "big_toe": "Big toe"}


@pytest.mark.parametrize("marks, tap, expected, what", [
    ([], ("heel", "left", "pain"), [("heel", "left", "pain")], "marked"),
    ([("heel", "left", "pain")], ("sole", "left", "pain"),
     [("heel", "left", "pain"), ("sole", "left", "pain")], "marked"),
    ([("heel", "left", "pain")], ("heel", "left", "pain"), [], "unmarked"),  # same feeling
    ([("heel", "left", "pain")], ("heel", "left", "numbness"),
     [("heel", "left", "numbness")], "changed"),  # another feeling: changed, not unmarked
    # the other leg's heel is another place: both are kept, each with its own side
    ([("heel", "left", "pain")], ("heel", "right", "pain"),
     [("heel", "left", "pain"), ("heel", "right", "pain")], "marked"),
])
def test_tapping(marks, tap, expected, what):
    assert marking.tap(marks, *tap) == (expected, what)


def test_ticking_one_leg_leaves_the_other():
    marks = [("heel", "left", "pain"), ("heel", "right", "numbness")]
    new, added = marking.tick(marks, "left", ["heel", "sole"], "tingling")
    assert new == [("heel", "left", "pain"), ("heel", "right", "numbness"),
                   ("sole", "left", "tingling")] and added == "sole"
    new, added = marking.tick(new, "left", ["sole"], "pain")  # heel unticked
    assert new == [("heel", "right", "numbness"), ("sole", "left", "tingling")] and added is None
    assert marking.on_leg(new, "right") == ["heel"]


def test_remove_and_tokens():
    marks = [("heel", "left", "pain"), ("big_toe", "right", "numbness")]
    assert marking.remove(marks, "heel", "left") == [("big_toe", "right", "numbness")]
    assert marking.tokens(marks) == ("heel:left:pain", "big_toe:right:numbness")


def test_status_names_the_region_leg_and_feeling():
    assert marking.said(LABELS, "marked", "big_toe", "left", "tingling") == \
        "Marked: Big toe (left leg), pins and needles."
    assert marking.said(LABELS, "unmarked", "heel", "right", "pain") == "Unmarked: Heel (right leg)."
    assert "now marked as numbness" in marking.said(LABELS, "changed", "sole", "left", "numbness")
    assert "Tap inside the body" in marking.MISS
