"""The command line: same engine as the page; bad arguments exit 2 with one line."""
import json
import shutil
import subprocess

import pytest
from servers import free_port, serving

from dashapp import cli


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
    assert {"level": "L4-L5", "zone": "paracentral"}.items() <= first["levels"][0].items()
    assert out["mimics"], "a note on what else could cause it"
    assert out["red_flags"] == []


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


def test_where_json_marks_feel_sides_strength_and_red_flags():
    """The same answers as the page: feel per mark, own sides, --weak, --flags, red flags first."""
    done = run("where", "dorsum_foot:numbness", "big_toe:numbness", "buttock", "saddle",
               "--side", "left", "--weak", "heel-walk", "--flags",
               "infection-cancer-fracture,bladder-bowel", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["candidates"][0]["root"] == "L5"
    assert out["candidates"][0]["fit"] == "Fits 3 of the 4 places you marked."
    assert {"region": "dorsum_foot", "side": "left", "feel": "numbness"} in out["marks"]
    assert out["weak"] == ["heel-walk"]
    flags = out["red_flags"]
    assert [f["id"] for f in flags] == ["saddle-numbness", "bladder-bowel",
                                        "infection-cancer-fracture"]
    assert [f["urgency"] for f in flags] == ["emergency", "emergency", "urgent"]
    assert all({"id", "text", "urgency"} <= set(f) for f in flags)
    both = json.loads(run("where", "heel:left", "big_toe:right", "--json").stdout)
    assert both["red_flags"][0]["id"] == "both-legs"
    assert {(c["root"], c["side"]) for c in both["candidates"][:2]} == {("S1", "left"), ("L5", "right")}


@pytest.mark.parametrize("args, words", [
    (["where", "big_toe:sore"], "'sore'"),
    (["where", "big_toe", "--weak", "handstand"], "handstand"),
    (["where", "big_toe", "--flags", "headache"], "headache"),
])
def test_bad_where_arguments_exit_2(args, words, capsys):
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err, err


def test_plain_where_text_puts_warnings_first_and_says_not_a_diagnosis(capsys):
    assert cli.main(["where", "saddle", "heel"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("EMERGENCY: Numbness between the legs")
    assert any(line.startswith("This is not a diagnosis.") for line in lines)
    assert not any("%" in line for line in lines)


def test_fhir_prints_a_bundle_that_validates():
    """The installed script, as a clinician would pipe it into a record system."""
    from dashapp.export import fhir

    done = run("explain", "--condition", "spondylolisthesis", "--level", "L4-L5", "--side",
               "right", "--fhir")
    assert done.returncode == 0, done.stderr
    conditions = fhir.resources_of(fhir.read_bundle(done.stdout), "Condition")
    assert [c["code"]["text"] for c in conditions] == [
        "Degenerative spondylolisthesis at L4–L5, right side", "L5 radiculopathy, right side"]
    assert [x["code"] for x in conditions[0]["code"]["coding"]] == ["4046000", "M43.16"]
    done = run("where", "big_toe:numbness", "heel:right", "--side", "left", "--weak", "tiptoe",
               "--fhir")
    assert done.returncode == 0, done.stderr
    types = [e["resource"]["resourceType"] for e in json.loads(done.stdout)["entry"]]
    assert types == ["Questionnaire", "QuestionnaireResponse"]


@pytest.mark.parametrize("args, words", [
    (["where", "big_toe", "--fhir", "--json"], "not allowed with"),
    (["explain", "--condition", "sciatica", "--side", "both", "--fhir"], "one side"),
    (["where", "big_toe", "--flags", "nope", "--fhir"], "Unknown warning sign"),
])
def test_fhir_with_a_bad_view_exits_2_and_prints_no_bundle(args, words, capsys):
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and words in err, err
