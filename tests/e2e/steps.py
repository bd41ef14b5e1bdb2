"""Keyboard steps the browser tests share."""


def tab_to(page, selector, max_tabs=60):
    """Press Tab until the element matching ``selector`` has focus (it may have it already)."""
    for _ in range(max_tabs):
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def tab_to_next(page, selector, max_tabs=80):
    """Press Tab at least once, until an element matching ``selector`` has focus (the next one, when the
    focused element matches too)."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def click_and_load(page, selector):
    """Click a control that sends a form or follows a link, and wait until the page it leads to has loaded.
    Playwright's click does not wait for the navigation it starts: a step straight after it could still act
    on the page being left, and a wait_for_url that the old address already matches would not wait at all."""
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


def press_and_load(page, key):
    """Press ``key`` on the focused control, which sends a form or follows a link, and wait until the page it
    leads to has loaded (as click_and_load)."""
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press(key)
