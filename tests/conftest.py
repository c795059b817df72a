"""Shared fixtures. Browser tests use dash_duo with Debian's Chromium."""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# The checked data model is cached between starts (dashapp/datafiles/cache.py): the tests, and
# the servers they start, keep theirs in a fresh folder, not in the home directory.
_CACHE = None if "SPINEFOOT_CACHE" in os.environ else tempfile.mkdtemp(prefix="spinefoot-cache-")
if _CACHE:
    os.environ["SPINEFOOT_CACHE"] = _CACHE


def pytest_sessionfinish(session, exitstatus):
    if _CACHE:
        shutil.rmtree(_CACHE, ignore_errors=True)


def pytest_setup_options():
    """dash[testing] hook: point Selenium at Debian's Chromium (no downloads)."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"):
        options.add_argument(flag)
    return options


def reach_for_page(driver) -> None:
    """What a person at a desk does on arriving: move the mouse. The linked view
    comes as a document; the app starts when the person reaches for it
    (assets/boot.js). Real input (WebDriver actions), not a script."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    spot = 3 if getattr(driver, "_spinefoot_spot", 2) == 2 else 2  # a move must move
    driver._spinefoot_spot = spot
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(spot, spot)
    actions.perform()


@pytest.fixture
def dash_duo(dash_duo):
    """dash_duo on a free loopback port (not always 8050), so test runs can overlap;
    after each page load the person moves the mouse (`reach_for_page`), so the
    tests meet the interactive page. Tests of the first view itself use
    `dash_duo.driver.arrive_only(url)`."""
    from servers import free_port

    start = dash_duo.start_server

    def start_server(app, **kwargs):
        kwargs.setdefault("port", free_port())
        return start(app, **kwargs)

    dash_duo.start_server = start_server
    driver = dash_duo.driver
    get, refresh = driver.get, driver.refresh

    def arrive_and_reach(url):
        get(url)
        reach_for_page(driver)

    def refresh_and_reach():
        refresh()
        reach_for_page(driver)

    driver.get, driver.refresh, driver.arrive_only = arrive_and_reach, refresh_and_reach, get
    return dash_duo


@pytest.fixture(scope="session")
def clinical_data():
    from dashapp.datafiles.clinical_schema import read_clinical

    return read_clinical()


@pytest.fixture(scope="session")
def anatomy_model():
    from dashapp.datafiles.anatomy_schema import read_anatomy

    return read_anatomy()


@pytest.fixture(scope="session")
def built_figure(anatomy_model):
    from dashapp.pictures import figure

    return figure.build_figure(anatomy_model)


def pytest_collection_modifyitems(config, items):
    # In CI a missing browser is a failure, never a skip: say so loudly up front.
    if os.environ.get("CI") and not shutil.which("chromedriver"):
        raise pytest.UsageError("CI: chromedriver is not installed; browser tests cannot run")
