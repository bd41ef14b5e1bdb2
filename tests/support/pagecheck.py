"""Checks every HTML page the test client fetches (after GOV.UK Notify's client_request)."""

from collections import Counter

from bs4 import BeautifulSoup

EXIT_SELECTOR = "a#exit-this-page"
HELP_NOW_SELECTOR = 'footer a.help-now[href$="/guide/need-help-now"]'
NOTICE_LINKS = ("/privacy", "/accessibility", "/cookies")
LABELLED_INPUT_TYPES = {
    "text",
    "radio",
    "checkbox",
    "number",
    "email",
    "tel",
    "date",
    "file",
    "search",
    "password",
    None,
}


def _has_label(page, field):
    if field.get("aria-label") or field.get("aria-labelledby"):
        return True
    if field.find_parent("label"):
        return True
    return bool(field.get("id")) and page.find("label", attrs={"for": field["id"]}) is not None


def _family_page_problems(page):
    """What every family page carries: the quick exit, the way to help now, and the notices in the footer."""
    found = []
    if not page.select_one(EXIT_SELECTOR):
        found.append("no quick exit on a family page")
    if not page.select_one(HELP_NOW_SELECTOR):
        found.append("no 'Need help now?' link on a family page")
    found += [f"no footer link to {path}" for path in NOTICE_LINKS if not page.select_one(f'footer a[href$="{path}"]')]
    return found


def problems_with(html, family_page=True):
    """Everything wrong with a page, as a list of sentences (empty when the page is sound)."""
    page = BeautifulSoup(html, "html.parser")
    found = []
    h1s = page.find_all("h1")
    if len(h1s) != 1:
        found.append(f"expected exactly one <h1>, found {len(h1s)}")
    title = page.title.get_text(" ", strip=True) if page.title else ""
    heading = h1s[0].get_text(" ", strip=True) if h1s else ""
    if page.select_one(".error-summary"):
        title = title.partition(":")[2].strip()  # "Error: ..." in the page's language
    if not heading or not title.startswith(heading):
        found.append(f"<title> {title!r} does not start with the <h1> {heading!r}")
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    found += [f"duplicate id {name!r}" for name, count in ids.items() if count > 1]
    html_tag = page.find("html")
    if not html_tag or not html_tag.get("lang") or html_tag.get("dir") not in ("ltr", "rtl"):
        found.append("<html> needs lang and dir")
    for field in page.find_all(["input", "textarea", "select"]):
        if field.name == "input" and field.get("type") not in LABELLED_INPUT_TYPES:
            continue
        if not _has_label(page, field):
            found.append(f"no label for {field.name} {field.get('name')!r}")
    for tag in page.find_all(attrs={"aria-describedby": True}):
        missing = [ref for ref in tag["aria-describedby"].split() if ref not in ids]
        found += [f"aria-describedby names no element {ref!r}" for ref in missing]
    if family_page:
        found += _family_page_problems(page)
    if page.find(style=True) or page.find("style") or any(not s.get("src") for s in page.find_all("script")):
        found.append("inline style or script (the CSP forbids them)")
    return found


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
