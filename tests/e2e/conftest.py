"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser) against a live server."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from werkzeug.serving import make_server

from familyguide import create_app

from ..support.apps import NO_VOLUME_LIMITS, TEST_KEY
from .text_spacing import text_spacing_problems

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXIT_HOST = "exit.example"


class ClosingApp:
    """The Flask app as the live server runs it: each response is read whole and closed before the server
    writes it. Werkzeug's server closes a response only after draining the socket, which raises when the
    browser has already dropped the connection (a navigation cancels a page's CSS or JS), leaving a static
    file open: a ResourceWarning that warnings-as-errors turns into a random failure in whichever test the
    garbage collector happens to run in. Anything else (test_client(), config) goes to the app itself."""

    def __init__(self, app):
        self.flask_app = app

    def __call__(self, environ, start_response):
        response = self.flask_app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    def __getattr__(self, name):
        return getattr(self.flask_app, name)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


class NeutralSite(BaseHTTPRequestHandler):
    """Stands in for the neutral site the quick exit goes to (another origin, reached by name)."""

    def do_GET(self):  # noqa: N802 - the http.server API
        body = b"<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, neutral_site):
    db_file = tmp_path_factory.mktemp("e2e") / "e2e.sqlite3"
    app = create_app(
        {
            "SECRET_KEY": "e2e-secret",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{db_file}",
            **NO_VOLUME_LIMITS,
            "EXIT_URL": f"http://{EXIT_HOST}:{neutral_site.server_port}/weather",
        }
    )
    from familyguide import db

    db.upgrade(app.extensions["familyguide.db_url"])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = ClosingApp(app)
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole run (a second one cannot start inside the first one's event loop)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


def launch_chromium(playwright, host_map):
    """Debian's chromium, headless, with ``host_map`` names resolving to the loopback address."""
    rules = "--host-resolver-rules=" + ", ".join(f"MAP {name} 127.0.0.1" for name in host_map)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, rules])


@pytest.fixture(scope="session")
def browser(playwright, neutral_site):
    browser = launch_chromium(playwright, [EXIT_HOST])
    yield browser
    browser.close()


@pytest.fixture
def outside_requests():
    """Every request the page tried to make to another origin (there must be none)."""
    return []


def _guard(page, base_url, outside_requests):
    def route(route):
        url = route.request.url
        if url.startswith((base_url, "data:", "blob:", f"http://{EXIT_HOST}:")):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    page.route("**/*", route)


@pytest.fixture
def page(browser, live_server, outside_requests):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    _guard(page, live_server.url, outside_requests)
    yield page
    context.close()


@pytest.fixture
def make_page(browser, live_server, outside_requests):
    """Open a page with other browser options (no JavaScript, a small screen, touch)."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        new_page = context.new_page()
        _guard(new_page, live_server.url, outside_requests)
        return new_page

    yield make
    for context in contexts:
        context.close()


def wait_until_enhanced(page, *scripts):
    """Wait until each of ``scripts`` ("site", "prepare", "houses") has bound its handlers on the page now
    shown: each sets data-<script>-ready on <html> when it has. A click or key press before that would go
    to the plain page (an ordinary form post), so a test that means the enhanced page waits for this."""
    for script in scripts or ("site",):
        page.wait_for_selector(f"html[data-{script}-ready]", state="attached")


# The sizes every checked page is seen at besides its own: a small phone at its narrowest, and a tablet held
# sideways.
OTHER_SIZES = ({"width": 320, "height": 640}, {"width": 1024, "height": 768})


def problems_at_other_sizes(page, screenshot=None):
    """What goes wrong with the page now shown at each of OTHER_SIZES: a sentence for each size it scrolls
    sideways at, and for each thing that goes wrong there with a reader's own text spacing (WCAG 1.4.12,
    text_spacing.py). The same page, signed in or not, resized once for each size and then put back (a page
    opened again elsewhere would not have its cookies). With ``screenshot``, each resized page is saved as
    build/screenshots/<screenshot>-<width>px.png."""
    problems = []
    shown_size = page.viewport_size
    for size in OTHER_SIZES:
        width = size["width"]
        page.set_viewport_size(size)
        try:
            if screenshot:
                save_screenshot(page, f"{screenshot}-{width}px")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{overflow}px sideways scroll at {width}px")
            problems += [f"{problem} at {width}px, text spaced" for problem in text_spacing_problems(page)]
        finally:
            page.set_viewport_size(shown_size)
    return problems


class Checked:
    """Every page a story test passes through: a screenshot as shown and one at each of OTHER_SIZES (the same
    page resized: a narrow phone, a tablet), axe where the page's scripts run, no sideways scrolling at
    those sizes, and nothing lost at any size with a reader's own text spacing (WCAG 1.4.12). Failures are
    gathered so that one story reports every page that failed: ``assert check.failures == []`` at its end.
    A page shown without JavaScript is checked with axe when the story gives ``axe``
    (``WithoutJavaScript(page).axe_violations``)."""

    def __init__(self, prefix):
        self.prefix, self.failures, self.seen = prefix, [], set()

    def __call__(self, page, name, javascript=True, axe=None):
        shot = f"{self.prefix}-{name}"
        save_screenshot(page, shot)
        if axe is None and javascript:
            axe = lambda: axe_violations(page)  # noqa: E731
        if axe is not None and (violations := axe()):
            self.failures.append((name, violations))
        if name not in self.seen:
            self.failures += [(name, f"{problem}, text spaced") for problem in text_spacing_problems(page)]
            self.failures += [(name, problem) for problem in problems_at_other_sizes(page, shot)]
        self.seen.add(name)


def axe_violations(page):
    """Run axe-core in the page; return the violations of WCAG 2.2 A/AA as short strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


class WithoutJavaScript:
    """A page as a browser with JavaScript off builds it, which axe can still check.

    Playwright's ``java_script_enabled=False`` leaves ``page.evaluate`` working, but axe's ``axe.run()``
    never settles there (its promise waits on work the switched-off page never runs). So the page's
    scripts are switched off by the same Chromium setting that option uses
    (Emulation.setScriptExecutionDisabled) while every page loads and every form is sent: the HTML is
    parsed and laid out with no script run, as a person with JavaScript off gets it. Only to check a page
    is scripting let back on, for axe or the text spacing check alone, and off again after; none of the
    page's own scripts ran before or during the check (each marks <html> with data-<name>-ready when it has:
    there must be none).
    """

    _READY = "Object.keys(document.documentElement.dataset).filter(name => name.endsWith('Ready'))"

    def __init__(self, page):
        self.page = page
        self._cdp = page.context.new_cdp_session(page)
        self._scripts(on=False)

    def _scripts(self, on):
        self._cdp.send("Emulation.setScriptExecutionDisabled", {"value": not on})

    def axe_violations(self):
        return self._with_scripting(axe_violations)

    def text_spacing_problems(self):
        return self._with_scripting(text_spacing_problems)

    def _with_scripting(self, check):
        """``check(page)`` with scripting let back on for it alone."""
        assert self.page.evaluate(self._READY) == [], "a page script ran"
        self._scripts(on=True)
        try:
            return check(self.page)
        finally:
            self._scripts(on=False)
            assert self.page.evaluate(self._READY) == [], "a page script ran while the page was checked"


SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def save_screenshot(page, name):
    """Save what the page shows now (the viewport, as the person sees it) as build/screenshots/<name>.png,
    for a reviewer to look at (the README names the folder; git ignores it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), timeout=SCREENSHOT_TIMEOUT_MS)
            return
        except PlaywrightError as error:
            # Chromium now and then refuses one capture on a busy machine, or waits for ever for a frame
            # after the window was resized (Page.captureScreenshot, the fonts already loaded: seen once in
            # CI), and takes the same picture when asked again: ask again after the next frame is drawn,
            # never for any other error. The page itself still answers (the frame below is drawn).
            if not _capture_stalled(error) or attempt == 2:
                raise
            page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => resolve()))")


# Long enough for any capture on a busy machine (they take well under a second); short enough that a stalled
# capture is asked again well inside the browser tests' own 30 s timeout.
SCREENSHOT_TIMEOUT_MS = 10_000


def _capture_stalled(error):
    """Whether a failed ``page.screenshot`` is Chromium's capture refusing or stalling, not the page."""
    return isinstance(error, PlaywrightTimeoutError) or "Unable to capture screenshot" in str(error)
