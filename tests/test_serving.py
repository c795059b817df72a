"""What the browser is sent first: lean HTML with the picture of the linked view,
long-lived caching of what cannot change."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from dashapp.server.factory import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def picture_urls(html: str) -> list[str]:
    return sorted(set(re.findall(r'/_picture/[^"\s)]+', html)))


def test_the_first_html_shows_the_linked_view(client):
    html = client.get("/?condition=disc-herniation&level=L5-S1&side=left").get_data(as_text=True)
    urls = picture_urls(html)
    assert {u.split("/")[3].split(".")[0] for u in urls} == {"tall", "wide"}
    assert all(unquote(u).endswith("s=disc-herniation|L5-S1|left|paracentral") for u in urls)
    # the picture says in words what it shows
    alt = re.search(r'<img [^>]*alt="([^"]*)"', html).group(1)
    assert "S1 nerve root (left side)" in alt
    svg = client.get(urls[0])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.get_data(as_text=True).startswith("<svg")


def test_a_bad_link_still_gets_a_picture(client):
    html = client.get("/?condition=nonsense&side=sideways").get_data(as_text=True)
    urls = picture_urls(html)
    assert urls and all(client.get(u).status_code == 200 for u in urls)


def test_pictures_are_cached_for_a_year_and_compressed(client):
    url = picture_urls(client.get("/").get_data(as_text=True))[0]
    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] in ("br", "gzip")
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    plain = client.get(url, headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers
    assert len(response.get_data()) < len(plain.get_data()) / 3


@pytest.mark.parametrize("path", ["/_picture/0000/tall.svg?s=", "/_picture/{v}/huge.svg?s=",
                                  "/_picture/{v}/tall.svg?s=made-up|L9|up|"])
def test_unknown_pictures_are_not_found(client, path):
    url = picture_urls(client.get("/").get_data(as_text=True))[0]
    version = url.split("/")[2]
    assert client.get(path.format(v=version)).status_code == 404


def test_no_legacy_polyfill_and_no_favicon_request(client):
    html = client.get("/").get_data(as_text=True)
    assert "polyfill" not in html
    assert "dash_table/bundle" not in html  # the page has no DataTable
    # the app's scripts are listed but neither fetched nor run until assets/boot.js
    # starts them; boot.js itself waits until the page is parsed
    assert "<script src=" not in html
    later = re.findall(r'<script type="text/x-later" src="([^"]+)"', html)
    assert any("dash_renderer" in u for u in later) and any("plotly" in u for u in later)
    assert re.findall(r'<script defer src="([^"]+)"', html) == [
        u for u in re.findall(r'src="([^"]+)"', html) if "/assets/boot.js" in u]
    assert "new DashRenderer" not in html.split('id="_dash-renderer" type="text/x-later">')[0]
    assert "regenerator-runtime" in html  # what Dash's bundles still need from it
    assert '<link rel="icon" href="data:,">' in html
    # one contentinfo landmark: the page's own footer, not Dash's around its scripts
    assert "<footer>" not in html


def test_fingerprinted_assets_are_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/assets/style\.css\?m=[^"]+)"', html).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    # without its fingerprint the same file may change: no year-long cache
    assert "max-age=31536000" not in client.get("/assets/style.css").headers.get(
        "Cache-Control", "")


def test_scripts_are_compressed_once_with_brotli(client):
    import brotli
    html = client.get("/").get_data(as_text=True)
    plotly = re.search(r'src="(/assets/vendor/plotly-basic[^"]+)"', html).group(1)
    suite = re.search(r'src="(/_dash-component-suites/[^"]+dash_core_components[^"-]+\.js)"',
                      html).group(1)
    for url in (plotly, suite):
        packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        assert packed.headers["Content-Encoding"] == "br", url
        plain = client.get(url, headers={"Accept-Encoding": "identity"}).get_data()
        assert brotli.decompress(packed.get_data()) == plain
        # harder than flask-compress's per-request level (brotli 4)
        assert len(packed.get_data()) < 0.95 * len(brotli.compress(plain, quality=4))
        assert packed.get_data() == client.get(
            url, headers={"Accept-Encoding": "br"}).get_data()  # the same bytes again


def test_the_layout_is_written_once_and_revalidated(client):
    plain = client.get("/_dash-layout")
    packed = client.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert len(packed.data) < len(plain.data) / 5
    assert plain.json["type"] and plain.json["props"]  # Dash's own layout JSON
    again = client.get("/_dash-layout", headers={"Accept-Encoding": "br",
                                                 "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert "no-cache" in packed.headers["Cache-Control"]
