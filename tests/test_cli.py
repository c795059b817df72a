"""The command line: same engine as the page; bad arguments exit 2 with one line."""
import json
import shutil
import subprocess

import pytest

from dashapp import cli
from servers import free_port, serving


def run(*args):
    """The installed console script, as a user runs it."""
    script = shutil.which("spinefoot")
    assert script, "the spinefoot console script is not installed"
    return subprocess.run([script, *args], capture_output=True, text=True, timeout=120)


def test_explain_json_matches_the_design_shape():
    done = run("explain", "--condition", "disc-herniation", "--level", "L5-S1", "--side", "left",
               "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    for key in ("condition", "level", "side", "zone", "roots", "regions", "weakness", "reflexes",
                "red_flags", "sources"):
        assert key in out
    assert out["zone"] == "paracentral"  # the default zone
    assert {"root": "S1", "side": "left"} in [{"root": r["root"], "side": r["side"]}
                                              for r in out["roots"]]
    regions = {(r["region"], r["side"]) for r in out["regions"]}
    assert {("heel", "left"), ("lateral_foot", "left"), ("sole", "left")} <= regions
    assert out["red_flags"] and out["sources"]


def test_where_json_puts_l5_first_for_dorsum_and_big_toe():
    done = run("where", "dorsum_foot", "big_toe", "--side", "left", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    first = out["candidates"][0]
    assert (first["root"], first["side"]) == ("L5", "left")
    assert first["levels"][0] == {"level": "L4-L5", "zone": "paracentral"}
    assert out["mimics"], "a note on what else could cause it"


@pytest.mark.parametrize("args, words", [
    (["explain", "--condition", "broken-leg", "--level", "L4-L5"], "broken-leg"),
    (["explain", "--condition", "disc-herniation", "--level", "L9-L10"], "L9-L10"),
    (["explain", "--condition", "sciatica", "--level", "L4-L5"], "level"),
    (["explain", "--condition", "disc-herniation", "--level", "L4-L5", "--side", "up"], "up"),
    (["where", "elbow", "--side", "left"], "elbow"),
    (["where", "big_toe", "--side", "middle"], "middle"),
    (["explain"], "--condition"),
    (["serve", "--port", "http"], "port"),
    (["serve", "--port", "70000"], "port"),
    (["dance"], "dance"),
])
def test_bad_arguments_exit_2_with_one_line(args, words, capsys):
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert words in err


def test_unknown_region_lists_the_valid_ones(capsys):
    assert cli.main(["where", "elbow"]) == 2
    err = capsys.readouterr().err
    assert "dorsum_foot" in err and "big_toe" in err


def test_plain_text_output():
    done = run("explain", "--condition", "disc-herniation", "--level", "L4-L5", "--side", "right")
    assert done.returncode == 0, done.stderr
    assert "L5 right" in done.stdout


def test_serve_runs_the_app():
    """`spinefoot serve --port N`: the README's run command answers on that port."""
    port = free_port()
    with serving([shutil.which("spinefoot"), "serve", "--port", str(port)], port) as page:
        assert b"spinefoot" in page
