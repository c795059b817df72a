"""Property tests: any JSON into any server callback, any text into a link,
never a server error (issue 9). Every server callback the app registers is
taken, so a new one is covered as soon as it exists.

Profiles: `dev` (random, a local example database) and `ci` (derandomized,
no database: the same examples on every run); CI=true picks `ci`. Example
counts stay modest so the suite stays quick on two cores.
"""
from __future__ import annotations

import os

import pytest
from dash_requests import UPDATE, body, dependencies, is_pattern, post, prop_id, server_callbacks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.page import urlstate
from dashapp.server.factory import create_app

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.data_too_large])
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("dev", **_COMMON)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE",
                                                                         "dev"))

APP = create_app()
CLIENT = APP.server.test_client()
DATA = read_clinical()

# text of any code point, lone surrogates included
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)
SCALARS = (st.none() | st.booleans() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | ANY_TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(ANY_TEXT, inner, max_size=4), max_leaves=8)
# the page's own vocabulary, so the fuzz also reaches past the first check
WORDS = st.sampled_from(["explain", "where", "left", "right", "both", "patient", "clinician",
                         *DATA.conditions, *clinical.LEVELS, *DATA.zones, *DATA.regions,
                         "L4-L5 ", "l5-s1", ""])
VALUE = WORDS | st.lists(WORDS, max_size=5) | JSON
CLICK = st.fixed_dictionaries({"points": st.lists(st.fixed_dictionaries(
    {"curveNumber": st.integers(-3, 400) | JSON, "x": st.floats() | JSON,
     "y": st.floats() | JSON}), max_size=2)})


def _values(draw, spec: dict) -> list:
    out = []
    for dep in dependencies(spec):
        if is_pattern(dep):  # a list of (index, value) for the matching components
            out.append(draw(st.lists(st.tuples(st.integers(-2, 30) | JSON, VALUE), max_size=4)))
        elif dep["property"] == "clickData":
            out.append(draw(CLICK | JSON))
        elif dep["property"] == "search":
            out.append(draw(st.builds(lambda q: "?" + q, LINK) | VALUE))
        else:
            out.append(draw(VALUE))
    return out


LINK_KEYS = st.sampled_from(["condition", "level", "side", "zone", "mode", "regions",
                             "audience", "x"])
LINK = st.lists(st.tuples(LINK_KEYS, WORDS | ANY_TEXT), max_size=5).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


@pytest.mark.parametrize("output", sorted(server_callbacks(APP)),
                         ids=lambda out: out.split(".")[0].strip(".")[:30])
@settings(max_examples=120)
@given(data=st.data())
def test_any_values_into_any_server_callback_never_5xx(output, data):
    spec = APP.callback_map[output]
    payload = body(APP, output, _values(data.draw, spec))
    # which input changed: one of the declared ones, or anything at all
    names = [prop_id(i["id"], i["property"]) for item in payload["inputs"]
             for i in (item if isinstance(item, list) else [item])]
    payload["changedPropIds"] = data.draw(
        st.lists(st.sampled_from(names), max_size=2) if names else st.just([]))
    response = post(CLIENT, payload)
    assert response.status_code < 500, response.data[:500]
    assert response.status_code in (200, 204, 400), response.data[:300]


@settings(max_examples=150)
@given(payload=JSON | st.fixed_dictionaries(
    {"output": st.sampled_from(sorted(APP.callback_map)) | JSON, "outputs": JSON,
     "inputs": JSON, "state": JSON, "changedPropIds": JSON}))
def test_any_json_body_never_5xx(payload):
    response = post(CLIENT, payload)
    assert response.status_code < 500, response.data[:500]


@settings(max_examples=60)
@given(raw=st.binary(max_size=200))
def test_any_bytes_never_5xx(raw):
    response = CLIENT.post(UPDATE, data=raw, headers={"Content-Type": "application/json"})
    assert response.status_code < 500


@settings(max_examples=300)
@given(search=st.builds(lambda q: "?" + q, LINK) | ANY_TEXT | JSON)
def test_parse_query_takes_any_text(search):
    state = urlstate.parse_query(search, DATA)
    query = urlstate.to_query(state, DATA)
    query.encode("utf-8")
    for note in state.notes:
        note.encode("utf-8")
        assert len(note) < 400  # user values are quoted shortened
    # the canonical link opens the same view, without notes
    again = urlstate.parse_query(query, DATA)
    assert (again.mode, again.condition, again.level, again.side, again.zone,
            again.regions, again.audience) == (state.mode, state.condition, state.level,
                                               state.side, state.zone, state.regions,
                                               state.audience)



@settings(max_examples=120)
@given(search=st.builds(lambda q: "?" + q, LINK) | ANY_TEXT)
def test_the_fhir_download_takes_any_link_and_gives_a_bundle_or_words(search):
    """'Save for the record (FHIR)' with any query: a valid Bundle or a 400 in words."""
    from urllib.parse import quote

    from dashapp.export import fhir

    raw = search.lstrip("?").encode("utf-8", "surrogatepass")
    response = CLIENT.get("/_spinefoot/record.fhir.json?" + quote(raw, safe="=&:,"))
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    if response.status_code == 200:
        assert fhir.read_bundle(response.get_data(as_text=True))["type"] == "collection"
    else:
        assert response.get_data(as_text=True).startswith("Not saved for the record")
