"""The static first-paint picture: the same figure and highlight as the browser draws."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dashapp.pictures import figure, static_svg
from dashapp.server.factory import build_model, state_key

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def model():
    return build_model()


def draw(model, state: str | None, arrangement: str = "tall") -> ET.Element:
    fig = model.figure.to_plotly_json()
    hl = model.highlights[state] if state else None
    return ET.fromstring(static_svg.render(fig, model.index.client_table(), hl, arrangement))


def paths_with(root: ET.Element, **attrs) -> list[ET.Element]:
    return [p for p in root.iter(SVG + "path")
            if all(p.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def texts(root: ET.Element, labels_only: bool = False) -> list[str]:
    """Text drawn; labels_only: the highlight's labels (drawn with a white halo)."""
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")
            if not labels_only or t.get("stroke") == "#fff"]


def test_l5_s1_left_lights_s1_red_and_hatches_its_regions(model):
    key = state_key("disc-herniation", "L5-S1", "left", "paracentral")
    root = draw(model, key)
    on = figure.STYLES["nerve"]["on"]
    lit = paths_with(root, stroke=on["line.color"], stroke_width=f"{on['line.width']:g}")
    # one path per lit nerve trace: the S1 root on the left, in every view it runs through
    expected = [i for i, state in model.highlights[key]["traces"].items()
                if model.index.trace_class[int(i)] == "nerve" and state == "on"]
    assert expected and len(lit) == len(expected)
    hatched = [p for p in root.iter(SVG + "path") if p.get("fill") == "url(#sf-pattern-region-on)"]
    assert hatched and root.find(f".//{SVG}pattern[@id='sf-pattern-region-on']") is not None
    assert "S1" in texts(root, labels_only=True)  # the root's label on the leg
    assert any("L5–S1:" in t for t in texts(root, labels_only=True))  # the lesion caption


def test_nothing_lit_without_a_highlight(model):
    root = draw(model, None)
    on = figure.STYLES["nerve"]["on"]
    assert not paths_with(root, stroke=on["line.color"], stroke_width=f"{on['line.width']:g}")
    assert not [p for p in root.iter(SVG + "path") if "sf-pattern" in (p.get("fill") or "")]
    assert texts(root, labels_only=True) == []
    # orientation is always there: view titles and root names at the spine
    assert "Spine, from behind" in texts(root) and "L4" in texts(root)


@pytest.mark.parametrize("arrangement", sorted(figure.ARRANGEMENTS))
def test_each_arrangement_has_its_proportions(model, arrangement):
    root = draw(model, None, arrangement)
    width, height = float(root.get("width")), float(root.get("height"))
    assert width / height == pytest.approx(figure.arrangement_layout(arrangement)["aspect"],
                                           rel=0.01)
    # everything drawn lies inside the picture (the axis mapping is right)
    for path in root.iter(SVG + "path"):
        numbers = [float(n) for n in path.get("d").replace("M", " ").replace("L", " ")
                   .replace("Q", " ").replace("C", " ").replace("Z", " ").replace(",", " ").split()
                   if n.strip()]
        xs, ys = numbers[0::2], numbers[1::2]
        assert all(-2 <= x <= width + 2 for x in xs) and all(-2 <= y <= height + 2 for y in ys)


def test_spline_matches_plotly_smoothing():
    # Plotly's Drawing.smoothopen for three points, smoothing 1: M, Q, Q
    d = static_svg._path([(0, 0), (10, 10), (20, 0)], 1.0, closed=False)
    assert d.startswith("M0,0Q") and d.count("Q") == 2 and d.endswith("20,0")
    assert static_svg._path([(0, 0), (10, 10)], 1.0, closed=True) == "M0,0L10,10Z"


def test_patients_picture_leaves_the_possibly_involved_layer_out(model):
    """As the page shows patients (the layer is off until they ask): no orange."""
    key = state_key("spinal-stenosis", "L4-L5", "both", "central")
    fig, table = model.figure.to_plotly_json(), model.index.client_table()
    possible = figure.STYLES["nerve"]["possible"]["line.color"]

    def strokes(show_possible):
        root = ET.fromstring(static_svg.render(fig, table, model.highlights[key], "wide",
                                            show_possible))
        return {p.get("stroke") for p in root.iter(SVG + "path")}
    assert possible in strokes(True)
    assert possible not in strokes(False)


def test_each_side_is_named_once_lit_sides_in_capitals(model):
    fig, table = model.figure.to_plotly_json(), model.index.client_table()
    key = state_key("disc-herniation", "L5-S1", "left", "paracentral")

    def names(sides):
        root = ET.fromstring(static_svg.render(fig, table, model.highlights[key], "wide", False,
                                            sides, model.index.side_notes))
        return [t for t in texts(root) if t.lower().startswith(("left", "right"))]
    one = names(("left",))
    # every view that names the sides names each once: the lit one loud, the other plain
    assert one.count("Right") == len([t for t in one if t.startswith("LEFT")]) > 0
    assert "Left" not in one
    both = names(("left", "right"))
    assert set(both) == {"LEFT", "RIGHT"}  # short, or the two would touch
    assert "Left" not in names(()) or "LEFT" not in " ".join(names(()))
