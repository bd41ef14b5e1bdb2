"""What the staff browser tests share: the test password, the second factor's codes, moving by Tab, the checks
on every staff page, and setting up an account by keyboard."""

import time

import pyotp

from .steps import press_and_load, tab_to_next

PASSWORD = "lantern orchard pebble river"


def code_for(secret, steps_ahead=0):
    """The code the staff member's app shows (the next one, for a second sign-in in the same 30 seconds:
    the server takes one step either side, and never the same code twice)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def set_up_by_keyboard(page, check, name):
    """On the set-up pages: the link's button, the password twice, then the code from the QR page's key. Returns
    the secret."""
    page.wait_for_selector("text=Set up your account")
    check(page, f"{name}-start")
    tab_to_next(page, "main button[type=submit]")
    press_and_load(page, "Enter")
    check(page, f"{name}-password")
    tab_to_next(page, "#password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Set up your second factor")
    check(page, f"{name}-second-factor")
    secret = page.inner_text(".secret").replace(" ", "")
    tab_to_next(page, "#code")
    page.keyboard.type(code_for(secret))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your recovery codes")
    check(page, f"{name}-recovery-codes")
    assert len(page.locator(".recovery-codes li").all()) == 10
    tab_to_next(page, "a.button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Signed in as")
    return secret
