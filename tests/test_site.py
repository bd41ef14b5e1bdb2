import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from flask import request

from familyguide import config, create_app
from familyguide.assets import static_url
from familyguide.security import HEADERS


def fetch_bytes(client, path):
    with client.raw.get(path) as response:
        assert response.status_code == 200, (path, response.status_code)
        return response.data


def asset_path(app, name):
    """Where the app serves the static file ``name`` today (under its hashed name)."""
    with app.test_request_context():
        return static_url(name)


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    return [urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def test_root_chooses_the_language_from_accept_language(client):
    response = client.raw.get("/", headers={"Accept-Language": "fr;q=0.9, en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/")


def test_unknown_language_is_not_found(client):
    response = client.get("/xx/")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_every_sitemap_page_answers_and_passes_the_page_checks(client):
    paths = sitemap_paths(client)
    assert "/en/" in paths and "/en/key-dates/" in paths and "/en/guide/words-you-may-hear" in paths
    for path in paths:
        assert client.get(path).status_code == 200, path  # CheckedClient checks each page


def test_sitemap_gives_hreflang_alternates(client):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert 'hreflang="en" href="http://localhost/en/guide/who-will-be-there"' in xml


def test_security_headers_on_every_response(app, client):
    for path in ("/en/", "/healthz", "/sitemap.xml", asset_path(app, "site.css"), "/favicon.ico", "/nope"):
        with client.raw.get(path) as response:
            for name, value in HEADERS.items():
                assert response.headers.get(name) == value, (path, name)
    csp = HEADERS["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert HEADERS["Referrer-Policy"] == "no-referrer"


def test_pages_load_nothing_from_another_origin(client):
    for path in sitemap_paths(client):
        page = BeautifulSoup(client.get(path).data, "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("form", "action")):
            for element in page.find_all(tag):
                value = element.get(attribute) or ""
                assert not value.startswith(("http:", "https:", "//")), (path, value)


def test_health_check(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_quick_exit_clears_the_session_and_goes_to_the_neutral_site(app, client):
    client.get("/en/")
    with client.raw.session_transaction() as session:
        session["draft"] = "something"
    response = client.raw.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["EXIT_URL"]
    assert "cookies" in response.headers["Clear-Site-Data"]
    with client.raw.session_transaction() as session:
        assert "draft" not in session


def test_every_family_page_has_the_quick_exit_and_the_first_visit_note_once(client):
    first = client.get("/en/").get_data(as_text=True)
    second = client.get("/en/key-dates/").get_data(as_text=True)
    assert 'id="exit-this-page"' in first and 'id="exit-this-page"' in second
    assert "press the Shift key 3 times" in first
    assert "press the Shift key 3 times" not in second


def test_council_details_are_settings(tmp_path):
    app = create_app({"TESTING": True, "COUNCIL_NAME": "Kirklees Test Council", "COUNCIL_PHONE": "01234 567890",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    from familyguide import db

    db.upgrade(app.extensions["familyguide.db_url"])
    html = app.test_client().get("/en/").get_data(as_text=True)
    assert "Kirklees Test Council" in html and "01234 567890" in html and 'href="tel:01234567890"' in html


@pytest.mark.parametrize("overrides", [
    {},
    {"SECRET_KEY": config.EXAMPLE_SECRET},
    {"SECRET_KEY": "", "ENCRYPTION_KEY": "x"},
    {"SECRET_KEY": "real", "ENCRYPTION_KEY": config.EXAMPLE_ENCRYPTION_KEY, "DATABASE_URL": "postgresql://db/x"},
    {"SECRET_KEY": "real", "ENCRYPTION_KEY": "real", "DATABASE_URL": ""},
])
def test_production_refuses_to_start_with_example_or_missing_settings(overrides):
    with pytest.raises(config.ConfigError):
        create_app({"ENV": "production", **overrides})


def test_page_sizes_stay_within_budget(app, client):
    """HTML + CSS + JS of each page at most 40 KB uncompressed (fonts excluded: system fonts in English)."""
    site_assets = (asset_path(app, "site.css"), asset_path(app, "site.js"))
    css, js = (len(fetch_bytes(client, path)) for path in site_assets)
    for path in sitemap_paths(client):
        html = client.get(path).data
        extra = sum(len(fetch_bytes(client, href))
                    for href in re.findall(r'(?:src|href)="(/static/[^"]+\.(?:css|js))"', html.decode())
                    if href not in site_assets)
        assert len(html) + css + js + extra <= 40 * 1024, (path, len(html), css, js, extra)


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(tmp_path):
    app = create_app({"TESTING": True, "PROXY_HOPS": 1, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    app.test_client().get("/healthz", headers={"X-Forwarded-For": "203.0.113.7"})
    assert seen == ["203.0.113.7"]
