"""The hostile requests of issue 9, replayed against the Flask app: no 5xx,
no traceback, bounded answers and memory, one log line per refusal."""
from __future__ import annotations

import gc
import io
import json
import logging
import tracemalloc

import pytest
from dash_requests import find, post, request, server_callbacks

from dashapp.page import inputs
from dashapp.server.factory import create_app

UPDATE = "/_dash-update-component"


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def explain(app):
    return find(app, "explanation.children")


def ask(app, client, callback: str, changed: str | None = None, **given):
    return post(client, request(app, find(app, callback), given, changed))


def unchanged(response) -> bool:
    """A no-op: 204 (refused value) or 200 with nothing to update."""
    return response.status_code == 204 or (
        response.status_code == 200 and json.loads(response.data)["response"] == {})


def text(response) -> str:
    """The answer's JSON as text, non-ASCII unescaped."""
    return json.dumps(json.loads(response.data), ensure_ascii=False)


def calm(response) -> bool:
    """Answered without a server error and without a traceback in the body."""
    return response.status_code < 500 and b"Traceback" not in response.data


# --- the page's own requests still work ------------------------------------------

def test_the_pages_own_requests_work(app, client):
    response = ask(app, client, "explanation.children")
    assert response.status_code == 200 and "S1" in text(response)
    response = ask(app, client, "url", url="?condition=spinal-stenosis&level=L4-L5&side=both")
    assert response.status_code == 200 and "spinal-stenosis" in text(response)
    response = ask(app, client, "candidate", marks=[["big_toe", "left", "pain"]], leg="left")
    assert response.status_code == 200
    assert json.loads(response.data)["response"]["mode"]["value"] == "explain"


# --- values no page sends: calm no-op or a visible note --------------------------

@pytest.mark.parametrize("control", ["condition", "level", "side", "zone", "mode", "audience"])
@pytest.mark.parametrize("value", [["L4-L5"], {"a": 1}, 5, 4.5, True, float("nan"),
                                   float("inf"), -float("inf")])
def test_a_non_string_control_value_is_a_no_op(app, client, control, value):
    response = ask(app, client, "explanation.children", **{control: value})
    assert response.status_code == 204, response.data[:300]


@pytest.mark.parametrize("marks", ["big_toe", {"big_toe": 1}, 7, [1, 2], [None, "heel"],
                                   [["heel"]], ["heel", float("nan")], [["heel", "left", "pain", 1]],
                                   [["heel", "up", "pain"]], [["heel", "left", "sore"]],
                                   [["elbow", "left", "pain"]], [["heel", "left", 3]]])
def test_marks_not_a_list_of_region_side_feel_is_a_no_op(app, client, marks):
    response = ask(app, client, "explanation.children", mode="where", marks=marks)
    assert response.status_code == 204


@pytest.mark.parametrize("given", [{"weak": ["handstand"]}, {"weak": "tiptoe"},
                                   {"flags": ["both-legs"]}, {"flags": [5]}, {"leg": "up"}])
def test_odd_strength_warning_or_leg_values_are_a_no_op(app, client, given):
    response = ask(app, client, "explanation.children", mode="where",
                   marks=[["heel", "left", "pain"]], **given)
    assert response.status_code == 204


def test_a_lone_surrogate_is_refused_with_a_note_not_an_error(app, client):
    for control in ("condition", "level", "zone", "side"):
        response = ask(app, client, "explanation.children", **{control: "L4\ud800"})
        assert response.status_code == 200, control
        assert "This combination does not occur" in text(response)
    # marks are kept by the page itself: an unknown one is not from the page
    response = ask(app, client, "explanation.children", mode="where",
                   marks=[["heel\ud800", "left", "pain"]])
    assert response.status_code == 204


def test_a_lone_surrogate_in_the_link_gives_the_default_view_and_a_note(app, client):
    response = ask(app, client, "url", url="?condition=\ud800&regions=\udfff,heel")
    assert response.status_code == 200
    answer = text(response)
    assert "left out" in answer and "heel" in answer


def test_a_link_full_of_unknown_values_gets_a_short_note(clinical_data):
    from dashapp.page import urlstate
    state = urlstate.parse_query("?regions=" + ",".join(f"x{i}" for i in range(300)),
                                 clinical_data)
    assert len(state.notes) == urlstate.MAX_NOTES
    assert state.notes[-1].startswith(f"{300 - urlstate.MAX_NOTES + 1} more values")
    assert sum(len(n) for n in state.notes) < 1000


@pytest.mark.parametrize("search", [5, ["?a=b"], {"search": 1}, True, float("nan")])
def test_a_non_string_search_is_a_no_op(app, client, search):
    assert ask(app, client, "url", url=search).status_code == 204


def test_a_long_value_is_quoted_shortened_in_the_refusal(app, client):
    response = ask(app, client, "explanation.children", level="B" * 60_000)
    assert response.status_code == 200
    assert "B" * 40 + "…" in text(response) and "B" * 41 not in text(response)
    assert len(response.data) < 20_000


def test_a_padded_value_is_the_same_view_as_the_plain_one(app, client):
    plain = ask(app, client, "explanation.children", level="L4-L5")
    padded = ask(app, client, "explanation.children", level="  L4-L5" + " " * 30_000)
    assert padded.status_code == 200 and padded.data == plain.data


def test_padded_values_do_not_grow_memory(app, client):
    """Cached values are the trimmed ones: 150 distinct 30 kB pads keep nothing."""
    for pad in range(5):  # warm up what is cached anyway
        ask(app, client, "explanation.children", level="L4-L5" + " " * pad)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for pad in range(150):
            ask(app, client, "explanation.children", level="L4-L5" + " " * (30_000 + pad),
                zone=" paracentral" + " " * pad)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000, f"kept {grown} bytes after 150 padded requests (4.5 MB sent)"


@pytest.mark.parametrize("curve", [float("inf"), -float("inf"), float("nan"), -1, 1.5, "3",
                                   [3], {"n": 3}, True, 10**30, None])
def test_a_bad_curve_number_in_a_click_is_a_no_op(app, client, curve):
    click = {"points": [{"curveNumber": curve, "x": 0.1, "y": 0.1}]}
    response = ask(app, client, "schematic", schematic=click)
    assert unchanged(response)


@pytest.mark.parametrize("click", [[], {}, {"points": []}, {"points": "x"}, {"points": [1]},
                                   {"points": [{"x": float("nan")}]}, "click", 5])
def test_malformed_click_data_is_a_no_op(app, client, click):
    assert unchanged(ask(app, client, "schematic", schematic=click))


def _click_on_a_region(app):
    """Click data on the first region trace of the figure, as Plotly sends it."""
    from dashapp.server.factory import build_model
    model = build_model()
    curve = next(i for i, key in enumerate(model.index.trace_key) if key.startswith("region:"))
    return {"points": [{"curveNumber": curve, "x": 0, "y": 0}]}, model.index.trace_key[curve]


def test_a_click_with_a_bad_side_or_mode_in_its_state(app, client):
    click, key = _click_on_a_region(app)
    ok = ask(app, client, "schematic", schematic=click, feel="pain",
             marks=[["heel", "left", "pain"]], mode="where")  # explaining, a tap only names
    assert ok.status_code == 200 and key.split(":")[1] in text(ok)
    for state in ({"feel": "sideways"}, {"feel": ["pain"]}, {"leg": 3},
                  {"marks": "heel"}, {"marks": [["heel", "left", "pain"]] * 100}):
        response = ask(app, client, "schematic", schematic=click,
                       **{"feel": "pain", **state})
        assert response.status_code == 204, state


@pytest.mark.parametrize("state", [{"marks": [["no-such-region", "left", "pain"]]},
                                   {"leg": "sideways"}, {"leg": ["left"]},
                                   {"marks": [["big_toe", "left", "pain"]] * 3, "leg": 5},
                                   {"marks": 5}, {"weak": ["handstand"]}, {"flags": 5}])
def test_pick_candidate_with_an_odd_state_is_calm(app, client, state):
    response = ask(app, client, "candidate", **{"marks": [["big_toe", "left", "pain"]], **state})
    assert unchanged(response)


@pytest.mark.parametrize("index", [-1, 1.5, "0", [0], {"i": 0}, True, None, 10**6,
                                   float("inf"), float("nan")])
def test_pick_candidate_with_a_bad_index_changes_nothing(app, client, index):
    response = ask(app, client, "candidate", candidate=[(index, 1)],
                   marks=[["big_toe", "left", "pain"]])
    assert unchanged(response)


# --- bounded work ------------------------------------------------------------------

def test_80000_regions_are_refused_before_any_work(app, client):
    many = [[f"region-{i}", "left", "pain"] for i in range(80_000)]
    response = ask(app, client, "explanation.children", mode="where", marks=many)
    assert response.status_code == 413
    # under the body limit, still far more than the vocabulary: a no-op
    response = ask(app, client, "explanation.children", mode="where",
                   marks=[[f"r{i}", "left", "pain"] for i in range(1000)])
    assert response.status_code == 204


def test_where_deduplicates_in_one_pass(clinical_data):
    """The engine itself (CLI, tests) copes with a flood of duplicates and odd items."""
    from dashapp import clinical
    result = clinical.where(clinical_data, ["heel", " heel", "heel "] * 50_000, "left")
    assert result.regions == ("heel",)
    with pytest.raises(clinical.NotApplicable):
        clinical.where(clinical_data, ["heel", 5], "left")


def test_the_engine_refuses_non_string_levels_and_zones(clinical_data):
    from dashapp import clinical
    for level, zone in ((5, None), (float("nan"), None), (["L4-L5"], None), ("L4-L5", 3),
                        ("L4-L5", ["central"])):
        with pytest.raises(clinical.NotApplicable):
            clinical.explain(clinical_data, "disc-herniation", level, "left", zone)


def test_a_10_mb_value_is_refused_with_413(app, client):
    response = ask(app, client, "explanation.children", level="B" * 10_000_000)
    assert response.status_code == 413 and len(response.data) < 100


def test_a_chunked_body_without_length_is_cut_at_the_limit(app, client):
    big = json.dumps(request(app, find(app, "explanation.children"), {"level": "B" * 200_000}))
    response = client.post(UPDATE, input_stream=io.BytesIO(big.encode()),
                           headers={"Content-Type": "application/json",
                                    "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413


# --- malformed envelopes: 400, one log line -------------------------------------------

def _malformed(app):
    explain = find(app, "explanation.children")
    good = request(app, explain, {})

    def changed(**kw):
        return {**good, **kw}

    clientside = next(out for out, spec in app.callback_map.items()
                      if not callable(spec.get("callback")))
    return {
        "not json": b"{",
        "a list": b"[]",
        "empty object": b"{}",
        "output a number": json.dumps({**good, "output": 1}).encode(),
        "unknown output": json.dumps(changed(output="x" * 50_000)).encode(),
        "clientside output": json.dumps(changed(output=clientside)).encode(),
        "too few inputs": json.dumps(changed(inputs=good["inputs"][:2])).encode(),
        "inputs not a list": json.dumps(changed(inputs={"a": 1})).encode(),
        "input for another id": json.dumps(changed(inputs=[{**good["inputs"][0], "id": "x"}]
                                                   + good["inputs"][1:])).encode(),
        "input without id": json.dumps(changed(inputs=[{"property": "value"}]
                                               + good["inputs"][1:])).encode(),
        "outputs missing": json.dumps({k: v for k, v in good.items() if k != "outputs"}).encode(),
        "outputs wrong": json.dumps(changed(outputs=[{"id": "url", "property": "href"}])).encode(),
        "changed not strings": json.dumps(changed(changedPropIds=[1])).encode(),
        "changed bad json id": json.dumps(changed(changedPropIds=['{"a":.n_clicks'])).encode(),
        "deep nesting": b"[" * 30_000 + b"]" * 30_000,
        "nested in values": json.dumps(changed(state=[[[[]]]])).encode(),
    }


def test_malformed_envelopes_answer_400_with_one_log_line(app, client, caplog):
    for name, raw in _malformed(app).items():
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            response = post(client, raw, raw=True)
        assert response.status_code == 400, (name, response.status_code, response.data[:200])
        lines = [r.getMessage() for r in caplog.records]
        assert len(lines) == 1 and "\n" not in lines[0] and len(lines[0]) < 400, (name, lines)
        assert not any(r.exc_info for r in caplog.records), name


def test_a_value_no_page_sends_is_logged_in_one_short_line(app, client, caplog):
    with caplog.at_level(logging.WARNING):
        response = ask(app, client, "explanation.children", condition=["x" * 50_000])
    assert response.status_code == 204
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and len(lines[0]) < 400 and "a list of 1" in lines[0]
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize("path", ["/_dash-component-suites/dash/nope.js",
                                  "/_dash-component-suites/nopkg/x.js",
                                  "/_dash-component-suites/os/path.py",
                                  "/_dash-component-suites/dash/deps/polyfill@7.v4_0_0m1.min.js",
                                  "/_dash-component-suites/dash/" + "a/" * 3000 + "x.js"])
def test_unknown_component_suite_paths_answer_404(client, caplog, path):
    with caplog.at_level(logging.WARNING):
        response = client.get(path)
    assert response.status_code == 404
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and len(lines[0]) < 400 and not caplog.records[0].exc_info


@pytest.mark.parametrize("click", [None, {}, {"points": [{"curveNumber": -1}]}, "x",
                                   {"points": [{"curveNumber": 3, "pointNumber": 10**9}]}])
def test_a_bad_tap_while_explaining_names_nothing_and_changes_no_view(app, client, click):
    response = ask(app, client, "tap-name", changed="schematic", schematic=click,
                   mode="explain")
    assert calm(response)
    if response.status_code == 200:
        answer = json.loads(response.data)["response"]
        assert answer.get("tap-note", {}).get("hidden", True) is True
        assert not {"mode", "condition", "level", "side", "zone"} & set(answer)
    assert ask(app, client, "tap-name", mode=["where"]).status_code == 204


def _mark_tapped(app) -> str:
    """The callback behind 'Mark where it hurts' (its outputs are shared, so by its input)."""
    (out,) = [out for out, spec in server_callbacks(app).items()
              if spec["inputs"][0]["id"] == "tap-mark"]
    return out


@pytest.mark.parametrize("tapped", [None, "heel", {"region": "nowhere", "side": "left"},
                                    {"region": "heel", "side": "sideways"}, [1], {"region": 5}])
def test_marking_a_bad_tapped_place_is_a_no_op(app, client, tapped):
    given = {"tap-mark": 1, "tapped": tapped}
    assert unchanged(post(client, request(app, _mark_tapped(app), given)))


def test_marking_the_tapped_place_switches_to_where(app, client):
    given = {"tap-mark": 1, "tapped": {"region": "heel", "side": "left"}}
    response = post(client, request(app, _mark_tapped(app), given))
    answer = json.loads(response.data)["response"]
    assert answer["mode"]["value"] == "where" and answer["regions"]["value"] == ["heel"]


def test_every_server_callback_is_covered(app):
    """New server callbacks must be added to the hostile tests (test_fuzz.py takes all)."""
    names = {find(app, text) for text in ("url", "explanation.children", "schematic",
                                          "candidate", "tap-name")} | {_mark_tapped(app)}
    assert names <= set(server_callbacks(app))


# --- the validation helpers themselves -----------------------------------------------

def test_the_validation_module_imports_no_dash():
    import subprocess
    import sys
    code = ("import sys, dashapp.page.inputs, dashapp.page.urlstate; "
            "sys.exit(1 if any(m == 'dash' or m.startswith('dash.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd="/").returncode == 0


def test_words_are_trimmed_capped_and_cleaned():
    assert inputs.words(" L4-L5 ", None, "a\ud800") == ("L4-L5", None, "a?")
    long = inputs.word("x" * 100)
    assert long == "x" * 40 + "…"
    with pytest.raises(inputs.Invalid):
        inputs.word(["x"])


def test_id_lists_are_deduplicated_and_bounded():
    assert inputs.id_list([" heel", "heel", "", "sole"], 10) == ("heel", "sole")
    with pytest.raises(inputs.Invalid):
        inputs.id_list([f"r{i}" for i in range(11)], 10)
    with pytest.raises(inputs.Invalid):
        inputs.id_list(["r"] * 41, 10)  # a flood is refused before it is read


def test_shown_quotes_any_value_briefly():
    assert inputs.shown("  " + "y" * 100) == repr("y" * 40 + "…")
    assert inputs.shown(list(range(10**5))) == repr("a list of 100000")
    assert inputs.shown("\udfff") == "'?'"
