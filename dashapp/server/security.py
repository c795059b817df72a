"""Security headers (flask-talisman): nothing may load from another origin (no CDN,
fonts, analytics), and the page may not be framed by other sites."""
from __future__ import annotations

import dash
from flask_talisman import Talisman

from dashapp.server import guard


def secure(app: dash.Dash) -> None:
    """Security headers: nothing may load from another origin (no CDN, fonts,
    analytics), and the page may not be framed by other sites."""
    csp = {
        "default-src": "'self'",
        # Dash's one inline start-up script is allowed by its hash, no more
        # (no eval: the scatter traces drawn here do not need it).
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],  # plotly and React set inline styles
        "img-src": ["'self'", "data:"],
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'self'",
    }
    # HSTS only when a TLS proxy is in front (SPINEFOOT_BEHIND_TLS), on its https requests
    Talisman(app.server, content_security_policy=csp, force_https=False,
             strict_transport_security=guard.behind_tls(), session_cookie_secure=False,
             referrer_policy="no-referrer")
