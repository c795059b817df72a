"""The little state logic the callbacks hold (tested without a browser)."""
import pytest

from dashapp.callbacks import toggled


@pytest.mark.parametrize("regions, side, tap, expected", [
    ([], "right", ("heel", "left"), (["heel"], "left")),  # first tap sets the side
    (["heel"], "left", ("sole", "left"), (["heel", "sole"], "left")),
    (["heel", "sole"], "left", ("heel", "left"), (["sole"], "left")),  # unmark
    (["heel"], "left", ("heel", "left"), ([], "left")),
    (["heel"], "left", ("heel", "right"), (["heel"], "both")),  # other side: both, kept
    (["heel"], "left", ("sole", "right"), (["heel", "sole"], "both")),
    (["heel", "sole"], "both", ("heel", "right"), (["sole"], "both")),
    (["heel"], "both", ("heel", "left"), ([], "left")),
])
def test_tapping_regions(regions, side, tap, expected):
    assert toggled(regions, side, *tap) == expected
