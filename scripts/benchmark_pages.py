"""How heavy and how quick the family pages are: every page in the sitemap, in every language.

For each page: the time the app takes to build it (median of a few requests through the app, no network),
and what a phone downloads on a first visit: the HTML, its stylesheets and scripts, gzip-compressed as a
proxy would send them, plus the page language's web font (already compressed). The per-language-name
fonts of names.css are left out: a device fetches one of them only when it lacks that script, and each is
about 1 KB. Budget: every English page's first visit at most ENGLISH_BUDGET_KB, and every page in any language at
most BUDGET_KB (the scripts with a web font need it), so it loads quickly on a slow mobile connection.
Prints numbers; never fails a build.
"""

import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from familyguide import create_app  # noqa: E402

ENGLISH_BUDGET_KB = 12
BUDGET_KB = 60
RUNS = 3
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
FONT = re.compile(r'url\("([^"]+\.woff2)"\)')
NAMES_CSS = re.compile(r"/fonts/names(\.[0-9a-f]+)?\.css$")


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Weigher:
    """Fetches through the app's test client and remembers each asset's transfer size."""

    def __init__(self, client):
        self.client = client
        self.sizes = {}

    def body(self, path):
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        data = response.get_data()
        response.close()
        return data

    def asset(self, path):
        if path not in self.sizes:
            data = self.body(path)
            self.sizes[path] = len(data) if path.endswith(".woff2") else len(gzip.compress(data))
            if path.endswith(".css") and not NAMES_CSS.search(path.split("?")[0]):
                for font in FONT.findall(data.decode()):
                    self.sizes[path] += self.asset(urljoin(path.split("?")[0], font))
        return self.sizes[path]

    def page(self, path):
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            html = self.body(path)
            times.append(time.perf_counter() - started)
        weight = len(gzip.compress(html)) + sum(self.asset(asset) for asset in ASSET.findall(html.decode()))
        return statistics.median(times), weight


def sitemap_pages(client):
    response = client.get("/sitemap.xml")
    return [path_of(url) for url in re.findall(r"<loc>([^<]+)</loc>", response.get_data(as_text=True))]


def main():
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{folder}/benchmark.sqlite3"})
        with app.test_client() as client:
            weigher = Weigher(client)
            results = {path: weigher.page(path) for path in sitemap_pages(client)}
    times = [seconds for seconds, _ in results.values()]
    heaviest = sorted(results.items(), key=lambda item: item[1][1], reverse=True)
    print(f"{len(results)} pages (every sitemap page in every language), {RUNS} requests each")
    print(f"Build time in the app: median {statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms")
    print("Heaviest first visits (HTML, CSS and JS gzipped, plus the language's web font):")
    for path, (_, weight) in heaviest[:5]:
        print(f"  {weight / 1024:6.1f} KB  {path}")
    english_home = results["/en/"][1]
    print(f"  {english_home / 1024:6.1f} KB  /en/ (for comparison: English needs no web font)")
    english = {path: weight for path, (_, weight) in results.items() if path.startswith("/en/")}
    print(f"Heaviest English first visit: {max(english.values()) / 1024:.1f} KB ({max(english, key=english.get)})")
    for label, budget, weights in (
        (f"English pages, {ENGLISH_BUDGET_KB} KB", ENGLISH_BUDGET_KB, english),
        (
            f"every page in every language, {BUDGET_KB} KB",
            BUDGET_KB,
            {path: weight for path, (_, weight) in results.items()},
        ),
    ):
        over = sorted(path for path, weight in weights.items() if weight > budget * 1024)
        verdict = "all within" if not over else f"{len(over)} OVER: " + ", ".join(over[:5])
        print(f"Budget for {label} a first visit: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
