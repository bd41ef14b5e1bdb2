"""Fetching pages and files: the sitemap's pages, a static file under its hashed name."""

import re
from urllib.parse import urlparse

from familyguide.assets import static_url


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
