"""Steps the Three Houses browser tests share."""


def start(page, worker_lang="en", child_lang="en"):
    """Start a Three Houses on the worker's start page; the browser lands on the child's three houses."""
    page.goto(f"/{worker_lang}/three-houses/")
    page.fill("#child", "Ola")
    page.fill("#age", "8")
    page.select_option("#child_lang", child_lang)
    page.fill("#worker", "Sam Patel")
    page.click("form[action$='/three-houses/'] button[type=submit]")
    page.wait_for_url(f"**/{child_lang}/three-houses/houses")


def open_house(page, house, child_lang="en"):
    page.goto(f"/{child_lang}/three-houses/houses/{house}")


def choose(page, choice):
    """Tap one of the house's three big choices: "draw", "say" or "pictures"; its part of the page opens."""
    page.click(f"a.choice[href='#{choice}']")
