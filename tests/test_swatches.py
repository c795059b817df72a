"""Legend swatches draw what the picture draws, from the same style table."""
from __future__ import annotations

from urllib.parse import unquote
from xml.etree import ElementTree

from dashapp.pictures import figure, swatches


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # well-formed SVG, or this raises


def test_a_line_swatch_has_the_nerve_colour_width_and_dash():
    on, maybe = figure.STYLES["nerve"]["on"], figure.STYLES["nerve"]["possible"]
    solid = parsed(swatches.line_swatch("nerve", "on")).find("{http://www.w3.org/2000/svg}path")
    assert solid.get("stroke") == on["line.color"] and float(solid.get("stroke-width")) == on["line.width"]
    assert solid.get("stroke-dasharray") is None
    dashed = parsed(swatches.line_swatch("nerve", "possible")).find("{http://www.w3.org/2000/svg}path")
    assert dashed.get("stroke") == maybe["line.color"] and dashed.get("stroke-dasharray")


def test_fill_swatches_repeat_each_pattern_of_the_picture():
    ns = "{http://www.w3.org/2000/svg}"
    for state, mark in (("on", "path"), ("secondary", "circle"), ("marked", "path")):
        style = figure.STYLES["region"][state]
        svg = parsed(swatches.fill_swatch("region", state))
        pattern = svg.find(f"{ns}defs/{ns}pattern")
        assert pattern.find(f"{ns}rect").get("fill") == style["fillcolor"]
        assert pattern.find(f"{ns}{mark}") is not None, state
    # hatch and crosses differ: one stroke direction against two
    hatch = parsed(swatches.fill_swatch("region", "on")).findall(f".//{ns}pattern/{ns}path")
    cross = parsed(swatches.fill_swatch("region", "marked")).findall(f".//{ns}pattern/{ns}path")
    assert {p.get("d") for p in hatch} != {p.get("d") for p in cross}


def test_the_side_view_names_both_vertebrae_and_travels_as_a_data_uri():
    svg = swatches.slip_side_view("L4", "L5")
    texts = [t.text for t in parsed(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert {"L4", "L5", "front", "back"} <= set(texts)
    uri = swatches.data_uri(svg)
    assert uri.startswith("data:image/svg+xml") and unquote(uri.split(",", 1)[1]) == svg


def test_the_marked_and_explained_swatch_has_red_hatch_inside_a_blue_edge():
    ns = "{http://www.w3.org/2000/svg}"
    svg = parsed(swatches.fill_swatch("region", "explained"))
    marks = svg.findall(f".//{ns}pattern/{ns}path")
    assert marks and {m.get("stroke") for m in marks} == {figure.HOT}
    edge = svg.find(f"{ns}rect")  # the outer rectangle: the region's edge
    assert edge.get("stroke") == figure.MARK
    assert float(edge.get("stroke-width")) == figure.STYLES["region"]["explained"]["line.width"]
    # and a plain marked area keeps blue crosses: the two differ by pattern, not colour only
    marked = parsed(swatches.fill_swatch("region", "marked")).findall(f".//{ns}pattern/{ns}path")
    assert {p.get("d") for p in marks} != {p.get("d") for p in marked}
