"""How the page reaches the browser: the first HTML of a link (first_html.py) with
its picture (picture_files.py), and long-lived caching of what cannot change
(caching.py)."""
from __future__ import annotations

from dashapp.page import urlstate
from dashapp.server import caching
from dashapp.server.first_html import FirstHtml
from dashapp.server.picture_files import PictureFiles


def setup(app, model, key) -> None:
    """Serve `app` (dash.Dash) lean. `model` is factory.Model; `key(condition,
    level, side, zone)` names a precomputed highlight (factory.state_key)."""
    prefix = app.config.requests_pathname_prefix
    pictures = PictureFiles(model, prefix)
    # the landing page's pictures are ready before the first visitor asks (~0.1 s)
    start = urlstate.default_state(model.clinical)
    for arrangement in ("tall", "wide"):
        pictures.svg(arrangement, key(start.condition, start.level, start.side, start.zone))
    pictures.register(app.server, app.config.routes_pathname_prefix)
    FirstHtml(app, model, key, pictures).install(app)
    caching.layout_once(app)
    # after_request hooks run last-registered first: the cache headers, then this
    caching.compress_once(app.server, (f"{prefix}assets/", f"{prefix}_dash-component-suites/"))
    caching.cache_fingerprinted_assets(app.server, f"{prefix}assets/")
