"""The chairside part of a link (drawing, mirror) and the handout's QR code."""
from __future__ import annotations

import pytest

from dashapp.model.anatomy import VIEW_BOXES
from dashapp.page import drawing
from dashapp.pictures import figure
from dashapp.server import qr


def test_a_stroke_across_views_survives_the_round_trip():
    stroke = drawing.Stroke(1, (("spine", 2.5, 20.0), ("spine", 9.0, 12.0),
                                  ("back", 10.0, 60.0), ("foot_top", 7.5, 5.0)))
    text = drawing.encode([stroke, drawing.Stroke(0, (("front", -3.0, 40.0),))])
    assert "." in text and text.count("~") == 4
    first, second = drawing.decode(text)
    assert first.pen == 1 and second.pen == 0
    assert [p[0] for p in first.points] == ["spine", "spine", "back", "foot_top"]
    for (v, x, y), (dv, dx, dy) in zip(stroke.points, first.points):
        xmin, xmax, ymin, ymax = VIEW_BOXES[v]
        # 12 bits across twice the view: finer than a hundredth of the view
        assert abs(x - dx) < (xmax - xmin) / 100 and abs(y - dy) < (ymax - ymin) / 100


def test_points_off_the_view_are_kept_and_the_frame_clamps():
    far = drawing.Stroke(0, (("foot_sole", 1000.0, -1000.0),))
    (back,) = drawing.decode(drawing.encode([far]))
    x0, x1, y0, y1 = drawing.frames()["foot_sole"]
    assert back.points[0][1:] == pytest.approx((x1, y0))


@pytest.mark.parametrize("bad", ["!!", "9~0AAAA", "0~9AAAA", "0~0AAA", "0AAAA", "0~0AAAA..",
                                 "0~0" + "A" * 4 * 400])
def test_a_bad_drawing_is_refused(bad):
    with pytest.raises(drawing.DrawingError):
        drawing.decode(bad)


def test_link_reader_leaves_bad_parts_out_with_a_note():
    good = drawing.encode([drawing.Stroke(2, (("front", 1.0, 2.0),))])
    link = drawing.from_query(f"?condition=sciatica&draw={good}&mirror=1")
    assert len(link.strokes) == 1 and link.mirror and not link.notes
    sent = link.to_client()
    assert sent["mirror"] is True and sent["strokes"][0]["pen"] == 2
    assert sent["strokes"][0]["points"] == [["front", pytest.approx(1.0, abs=0.05),
                                             pytest.approx(2.0, abs=0.05)]]
    bad = drawing.from_query("?draw=%%%&mirror=yes")
    assert bad.strokes == () and not bad.mirror
    assert any("drawing" in n for n in bad.notes) and any("mirror" in n for n in bad.notes)
    assert drawing.from_query(None) == drawing.ChairsideLink()


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB hex → CIE L*a*b* (D65)."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _highlight_colours() -> set[str]:
    """Every colour something lit takes (and the nerves' own yellow)."""
    colours = {figure.HOT, figure.WARM, figure.MARK, figure.LESION, figure.NERVE}
    for states in figure.STYLES.values():
        for state, style in states.items():
            if state in ("base", "off"):
                continue
            value = style.get("line.color", "")
            if value.startswith("#") and len(value) == 7:
                colours.add(value)
    return colours


def test_pens_are_distinct_from_every_highlight_colour_and_each_other():
    assert 3 <= len(drawing.PENS) <= 4
    pens = [c for _, c in drawing.PENS]
    for pen in pens:
        for colour in _highlight_colours():
            distance = sum((a - b) ** 2 for a, b in zip(_lab(pen), _lab(colour))) ** 0.5
            assert distance > 30, (pen, colour, distance)
    for i, a in enumerate(pens):
        for b in pens[i + 1:]:
            assert sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5 > 30


def test_qr_code_is_svg_and_only_for_web_links():
    svg = qr.qr_svg("http://127.0.0.1:8050/?condition=sciatica&side=left")
    assert svg.startswith(b"<svg") and b"#000" in svg
    for bad in ("javascript:alert(1)", "", "http://x/" + "a" * qr.MAX_LINK):
        with pytest.raises(qr.BadLink):
            qr.qr_svg(bad)


def test_qr_route_answers_svg_and_refuses_with_a_message():
    from dashapp.server.factory import create_app

    client = create_app().server.test_client()
    ok = client.get(qr.ROUTE, query_string={"link": "https://example.org/?condition=sciatica"})
    assert ok.status_code == 200 and ok.mimetype == "image/svg+xml"
    refused = client.get(qr.ROUTE, query_string={"link": "ftp://x"})
    assert refused.status_code == 400 and b"No QR code" in refused.data
