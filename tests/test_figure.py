"""The figure builder: built from the model alone, the right traces lit per state."""
import plotly.graph_objects as go
import pytest

from dashapp import clinical
from dashapp.model.anatomy import VIEWS
from dashapp.pictures import figure, highlight


def lit_fig(anatomy_model, built_figure, clinical_data, *state):
    fig, index = built_figure
    expl = clinical.explain(clinical_data, *state)
    hl = highlight.explanation_highlight(index, expl, anatomy_model)
    return highlight.apply_highlight(go.Figure(fig), index, hl), index, hl


def styled(fig, prefix):
    return [t for t in fig.data if str(t.meta).startswith(prefix)]


def test_every_view_has_outline_regions_and_nerves(built_figure):
    fig, index = built_figure
    for view in VIEWS:
        xa, _ = figure.axis_names(view)
        keys = [t.meta for t in fig.data if t.xaxis == xa]
        assert any(k.startswith("outline:") for k in keys) or view == "spine", view
        assert any(k.startswith("nerve:") for k in keys), view
    assert len(index.trace_key) == len(fig.data)
    assert len({*index.trace_key}) == len(index.trace_key), "trace keys are unique"


def test_every_structure_has_a_hover_name(built_figure):
    fig, _ = built_figure
    for trace in fig.data:
        if str(trace.meta).startswith(("labels:", "outline:")):
            continue  # labels name what they sit on; the silhouette is not a structure
        named = trace.hoverinfo == "name" and trace.name
        texted = trace.hoverinfo == "text" and trace.hovertext
        assert named or texted, trace.meta


def test_figure_module_imports_no_dash():
    import subprocess
    import sys
    code = ("import sys, dashapp.pictures.figure, dashapp.clinical, dashapp.model.anatomy; "
            "sys.exit(1 if any(m == 'dash' or m.startswith('dash.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd="/").returncode == 0  # installed


def test_l5_s1_left_herniation_lights_left_s1_only(anatomy_model, built_figure, clinical_data):
    fig, index, hl = lit_fig(anatomy_model, built_figure, clinical_data,
                             "disc-herniation", "L5-S1", "left", "paracentral")
    on = figure.STYLES["nerve"]["on"]
    s1 = styled(fig, "nerve:S1:left:")
    assert s1 and all(t.line.width == on["line.width"] and t.line.color == on["line.color"]
                      for t in s1)
    for other in ("nerve:L5:left:", "nerve:S1:right:", "nerve:L4:left:"):
        assert all(t.line.width < on["line.width"] for t in styled(fig, other)), other
    heel = styled(fig, "region:heel:left:")
    assert heel and all(t.fillpattern.shape == "/" for t in heel)
    assert all(t.fillpattern.shape in ("", None) for t in styled(fig, "region:heel:right:"))
    disc = styled(fig, "spine:disc:L5-S1:")
    assert disc[0].line.color == figure.STYLES["disc"]["on"]["line.color"]
    # the bulge is drawn at the left paracentral site of L5-S1, nothing else
    assert [i for i, s in enumerate(fig.layout.shapes) if s.opacity == 1] == \
        [index.shapes["bulge:L5-S1:paracentral:left"]]
    shown = [trace.text[p] for trace in fig.data if str(trace.meta).startswith("labels:")
             for p, color in enumerate(trace.textfont.color) if color != "rgba(0,0,0,0)"]
    assert sorted(shown) == ["<b>S1</b>", "L5–S1:<br>herniation"]


@pytest.mark.parametrize("state, root, kind", [
    (("disc-herniation", "L4-L5", "left", "foraminal"), "L4", "bulge:L4-L5:foraminal:left"),
    (("disc-herniation", "L4-L5", "right", "central"), "L5", "central-bulge:L4-L5:both"),
    (("spondylolisthesis", "L4-L5", "both", None), "L5", "slip:L4-L5:both"),
    (("facet-arthritis", "L5-S1", "right", "foraminal"), "L5", "spur:L5-S1:foraminal:right"),
    (("degenerative-disc", "L3-L4", "left", None), "L3", "collapse:L3-L4:both"),
    (("spinal-stenosis", "L4-L5", "right", "lateral-recess"), "L5",
     "recess-narrowing:L4-L5:right"),
])
def test_lesion_and_root_per_condition(anatomy_model, built_figure, clinical_data, state, root,
                                       kind):
    fig, index, hl = lit_fig(anatomy_model, built_figure, clinical_data, *state)
    assert index.shapes[kind] in hl.shapes
    lit = {t.meta.split(":")[1] for t in fig.data
           if str(t.meta).startswith("nerve:") and t.line.width >= 3}
    assert root in lit


def test_sciatica_lights_the_leg_not_the_spine(anatomy_model, built_figure, clinical_data):
    fig, _, hl = lit_fig(anatomy_model, built_figure, clinical_data, "sciatica", None, "left", None)
    assert any(t.line.width >= 3 for t in styled(fig, "nerve:L5:left:sciatic"))
    assert all(t.line.width < 3 for t in styled(fig, "nerve:L5:left:spine"))
    # the femoral nerve is not part of it, though L4 fibres run in both
    assert any(t.line.width >= 3 for t in styled(fig, "nerve:L4:left:sciatic"))
    assert all(t.line.width < 3 for t in styled(fig, "nerve:L4:left:limb"))
    assert not hl.shapes


def test_resting_state_is_not_dimmed(built_figure):
    fig, index = built_figure
    rest = highlight.apply_highlight(go.Figure(fig), index, highlight.Highlight(traces={}, dim=False))
    base = figure.STYLES["nerve"]["base"]["line.width"]
    assert all(t.line.width == base for t in styled(rest, "nerve:"))
    assert not any(s.opacity for s in rest.layout.shapes)


def test_reverse_highlight_marks_regions_and_lights_best_root(built_figure, clinical_data):
    fig, index = built_figure
    result = clinical.where(clinical_data, ["heel", "lateral_foot"], "left")
    hl = highlight.reverse_highlight(index, result, [("heel", "left"), ("lateral_foot", "left")])
    lit = highlight.apply_highlight(go.Figure(fig), index, hl)
    # both marks are explained by the best root (S1): marked-and-explained, not plain marked
    explained = figure.STYLES["region"]["explained"]["fillpattern.shape"]
    assert all(t.fillpattern.shape == explained for t in styled(lit, "region:heel:left:"))
    assert all(t.line.width == figure.STYLES["nerve"]["on"]["line.width"]
               for t in styled(lit, f"nerve:{result.candidates[0].root}:left:"))


@pytest.mark.parametrize("name", sorted(figure.ARRANGEMENTS))
def test_arrangements_keep_views_apart_and_inside(name):
    arr = figure.arrangement_layout(name)
    boxes = []
    for view in VIEWS:
        xa, ya = figure.axis_names(view)
        xk = "xaxis" + xa[1:]
        yk = "yaxis" + ya[1:]
        x0, x1 = arr["layout"][f"{xk}.domain"]
        y0, y1 = arr["layout"][f"{yk}.domain"]
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
        boxes.append((x0, x1, y0, y1))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap_x = min(a[1], b[1]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[2], b[2])
            assert overlap_x <= 1e-6 or overlap_y <= 1e-6
    assert arr["aspect"] == pytest.approx(arr["units"][0] / arr["units"][1], rel=1e-3)
    if name == "wide":
        assert arr["aspect"] > 1.4
    if name == "tall":  # a phone: taller than wide
        assert arr["aspect"] < 1


def test_client_table_covers_every_trace(built_figure):
    fig, index = built_figure
    table = index.client_table()
    assert len(table["classes"]) == len(fig.data)
    for cls in set(table["classes"]):
        for style in table["styles"][cls].values():
            assert set(style) >= {"opacity", "line.dash", "fillpattern.shape"}


def test_equal_best_candidates_light_alike(built_figure, clinical_data):
    """The same root on both sides ties: both are lit as the best match."""
    fig, index = built_figure
    result = clinical.where(clinical_data, ["heel"], "both")
    assert result.candidates[0].score == result.candidates[1].score
    hl = highlight.reverse_highlight(index, result, [("heel", "left"), ("heel", "right")])
    lit = highlight.apply_highlight(go.Figure(fig), index, hl)
    on = figure.STYLES["nerve"]["on"]["line.width"]
    for side in ("left", "right"):
        assert all(t.line.width == on for t in styled(lit, f"nerve:S1:{side}:"))


def test_possible_roots_get_a_question_mark_label(anatomy_model, built_figure, clinical_data):
    fig, index, hl = lit_fig(anatomy_model, built_figure, clinical_data,
                             "spondylolisthesis", "L4-L5", "left", None)
    shown = sorted(trace.text[p] for trace in fig.data if str(trace.meta).startswith("labels:")
                   for p, color in enumerate(trace.textfont.color) if color != "rgba(0,0,0,0)")
    assert "<b>L5</b>" in shown and "L4?" in shown and "<b>L4</b>" not in shown


def test_the_possibly_involved_layer_can_be_left_out(anatomy_model, built_figure, clinical_data):
    """Off (patients): only the main answer is drawn; the question-mark labels go too."""
    fig, index = built_figure
    expl = clinical.explain(clinical_data, "spinal-stenosis", "L4-L5", "both", "central")
    hl = highlight.explanation_highlight(index, expl, anatomy_model)
    assert hl.maybe_labels and not set(hl.maybe_labels) & set(hl.labels)
    full = highlight.apply_highlight(go.Figure(fig), index, hl)
    quiet = highlight.apply_highlight(go.Figure(fig), index, hl, show_possible=False)
    possible = figure.STYLES["nerve"]["possible"]["line.dash"]
    assert any(t.line.dash == possible for t in styled(full, "nerve:S1:"))
    assert not any(t.line.dash == possible for t in styled(quiet, "nerve:"))
    on = figure.STYLES["nerve"]["on"]["line.width"]
    assert all(t.line.width == on for t in styled(quiet, "nerve:L5:left:"))  # the answer stays

    def shown(f):
        return [t.text[p] for t in f.data if str(t.meta).startswith("labels:")
                for p, c in enumerate(t.textfont.color) if c != "rgba(0,0,0,0)"]
    assert any(text.endswith("?") for text in shown(full))
    assert not any(text.endswith("?") for text in shown(quiet)) and "<b>L5</b>" in shown(quiet)


def test_marks_the_best_match_explains_get_a_look_of_their_own(built_figure, clinical_data):
    """Where mode: a mark the best root explains is drawn apart from a mark it does
    not explain, by fill pattern and edge as well as colour (issue 12)."""
    fig, index = built_figure
    marks = [("big_toe", "left"), ("dorsum_foot", "left"), ("heel", "left")]
    result = clinical.where(clinical_data, [f"{r}:{s}" for r, s in marks], "left")
    best = result.candidates[0]
    assert best.root == "L5" and "heel" in best.misses and "big_toe" in best.explains
    assert highlight.explained_marks(result) == {(r, "left") for r in best.explains}
    hl = highlight.reverse_highlight(index, result, marks)
    states = {index.trace_key[i]: s for i, s in hl.traces.items()}
    for key, state in states.items():
        if key.startswith(("region:big_toe:left:", "region:dorsum_foot:left:")):
            assert state == "explained", key
        if key.startswith("region:heel:left:"):
            assert state == "marked", key
    assert "explained" in states.values() and "marked" in states.values()
    explained, marked = figure.STYLES["region"]["explained"], figure.STYLES["region"]["marked"]
    assert explained["fillpattern.shape"] != marked["fillpattern.shape"]  # not colour alone
    assert explained["line.width"] > marked["line.width"]  # the marked blue edge, stronger
    assert explained["line.color"] == marked["line.color"] == figure.MARK
    assert explained["fillpattern.fgcolor"] == figure.HOT  # red hatch: what the root lights
    lit = highlight.apply_highlight(go.Figure(fig), index, hl)
    toe = styled(lit, "region:big_toe:left:")
    assert toe and all(t.fillpattern.shape == "/" and t.line.color == figure.MARK for t in toe)


def test_root_names_are_spread_only_where_they_crowd():
    # the sacral exits lie 2.7-3 units apart: spread around their middle, the rest stay
    ys = [36.25, 30.35, 24.45, 18.55, 12.65, 7.9, 4.9, 2.2]
    out = figure.spread(ys, 3.7)
    assert out[:5] == ys[:5]
    assert [round(y, 2) for y in out[5:]] == [8.7, 5.0, 1.3]
    assert all(a - b >= 3.7 - 1e-9 for a, b in zip(out, out[1:]))
    wider = figure.spread(ys, 4.0)  # L5 joins the run (12.65 - 8.9 < 4): it moves a little too
    assert wider[:4] == ys[:4] and abs(wider[4] - ys[4]) < 0.5
    assert all(a - b >= 4.0 - 1e-9 for a, b in zip(wider, wider[1:]))
    assert figure.spread([1.0, 5.0], 3.0) == [1.0, 5.0]  # order kept, already apart
    assert figure.spread([0.0, 0.0, 0.0], 1.0) == [1.0, 0.0, -1.0]
