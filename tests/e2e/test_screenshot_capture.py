"""The browser tests' screenshots: a capture Chromium stalls or refuses is asked for again, nothing else is.

No browser here: a stand-in page that stalls as Chromium's did once in CI (Page.screenshot waiting for ever
for a frame after the window was resized, the fonts already loaded)."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import SCREENSHOT_TIMEOUT_MS, save_screenshot


class StallingPage:
    """Fails its first captures with ``failures`` (one error each), then captures; records what it was asked."""

    def __init__(self, *failures):
        self.failures, self.captures, self.frames_waited = list(failures), [], 0

    def screenshot(self, path, timeout):
        self.captures.append(timeout)
        if self.failures:
            raise self.failures.pop(0)

    def evaluate(self, script):
        assert "requestAnimationFrame" in script
        self.frames_waited += 1


def test_a_stalled_capture_is_asked_again_after_a_frame_and_each_try_has_its_own_bound():
    page = StallingPage(PlaywrightTimeoutError("Timeout 10000ms exceeded."))
    save_screenshot(page, "capture-test")
    assert page.captures == [SCREENSHOT_TIMEOUT_MS, SCREENSHOT_TIMEOUT_MS]
    assert page.frames_waited == 1


def test_a_refused_capture_is_asked_again():
    page = StallingPage(PlaywrightError("Unable to capture screenshot"))
    save_screenshot(page, "capture-test")
    assert len(page.captures) == 2


def test_a_capture_that_keeps_stalling_fails_the_test_after_three_tries():
    page = StallingPage(*[PlaywrightTimeoutError("Timeout 10000ms exceeded.")] * 3)
    with pytest.raises(PlaywrightTimeoutError):
        save_screenshot(page, "capture-test")
    assert len(page.captures) == 3


def test_any_other_error_fails_at_once():
    page = StallingPage(PlaywrightError("Target page, context or browser has been closed"))
    with pytest.raises(PlaywrightError, match="closed"):
        save_screenshot(page, "capture-test")
    assert len(page.captures) == 1
