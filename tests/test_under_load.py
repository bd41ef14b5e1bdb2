"""Real gunicorn, many families at once, on SQLite and PostgreSQL: nothing lost or mixed up, no server errors,
and a worker killed in the middle of a PDF does not take the service down."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from .support import services

FAMILIES = 200
SECRET = "load-test-secret-key-of-more-than-32-characters"
KEY = "bG9hZC10ZXN0LWtleS1sb2FkLXRlc3Qta2V5LTEyMzQ="


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request, tmp_path):
    """(base URL, gunicorn master) for the app on each database, 4 workers as in the systemd unit."""
    with services.database_url(request.param, tmp_path) as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FAMILYGUIDE_")}
        # development: plain HTTP on loopback, so the session cookie cannot be Secure here.
        env.update(
            FAMILYGUIDE_ENV="development",
            FAMILYGUIDE_SECRET_KEY=SECRET,
            FAMILYGUIDE_ENCRYPTION_KEY=KEY,
            DATABASE_URL=url,
            FAMILYGUIDE_COUNCIL_NAME="Load Test Council",
            FAMILYGUIDE_RESUME_ATTEMPTS_PER_HOUR="1000",
            FAMILYGUIDE_DRAFTS_PER_HOUR="100000",
            FAMILYGUIDE_SAVES_PER_HOUR="100000",
            FAMILYGUIDE_PDFS_PER_HOUR="100000",
        )  # all from 127.0.0.1
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "familyguide", "db", "upgrade"],
            env=env,
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
        with services.gunicorn(env, tmp_path, workers=4, extra=("--threads", "4")) as server:
            yield server


class Family:
    """One family's browser, with its own cookies."""

    def __init__(self, base):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.token = None

    def get(self, path):
        with self.opener.open(self.base + path, timeout=120) as response:
            body = response.read()
        if b'name="csrf_token"' in body:
            self.token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()
        return body.decode("utf-8", "replace")

    def post(self, path, fields):
        data = urllib.parse.urlencode({"csrf_token": self.token, **fields}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")


def one_family_answers(base, number):
    """Start, answer two questions, read them back: what this family sees of its own words."""
    family = Family(base)
    family.get("/en/prepare/")
    family.post("/en/prepare/start", {})
    family.post("/en/prepare/chat/conference_kind", {"choice": "first"})
    family.post("/en/prepare/chat/going_well", {"answer": f"Family {number} walks to school"})
    return family.get("/en/prepare/check-your-answers")


def test_two_hundred_families_saving_at_once_lose_and_mix_up_nothing(served):
    base, _ = served
    barrier = threading.Barrier(FAMILIES)

    def family(number):
        barrier.wait()
        try:
            return one_family_answers(base, number)
        except urllib.error.HTTPError as error:
            return f"HTTP {error.code}"

    with ThreadPoolExecutor(max_workers=FAMILIES) as pool:
        pages = list(pool.map(family, range(FAMILIES)))
    failures = [(n, page[:80]) for n, page in enumerate(pages) if f"Family {n} walks to school" not in page]
    assert failures == []
    mixed = [n for n, page in enumerate(pages) if len(re.findall(r"Family \d+ walks to school", page)) != 1]
    assert mixed == []


def test_a_worker_killed_while_building_pdfs_is_replaced_and_the_others_answer(served):
    base, master = served
    families = [Family(base) for _ in range(8)]
    for number, family in enumerate(families):
        family.get("/en/prepare/")
        family.post("/en/prepare/start", {})
        family.post("/en/prepare/chat/conference_kind", {"choice": "first"})
        family.post("/en/prepare/chat/going_well", {"answer": f"Family {number} walks to school"})
    workers = services.worker_pids(master)
    assert len(workers) == 4

    def download(family):
        try:
            with family.opener.open(base + "/en/prepare/my-views-for-the-conference.pdf", timeout=120) as response:
                return response.status, response.read()[:5]
        except urllib.error.HTTPError as error:  # before URLError, its parent
            return error.code, b""
        except (urllib.error.URLError, ConnectionError) as error:
            return "connection lost", str(error)

    with ThreadPoolExecutor(max_workers=len(families)) as pool:
        results = [pool.submit(download, family) for family in families]
        os.kill(workers[0], signal.SIGKILL)
        outcomes = [result.result() for result in results]
    assert all(status in (200, "connection lost") for status, _ in outcomes), outcomes  # never a 5xx
    assert sum(status == 200 for status, _ in outcomes) >= 1
    assert all(body == b"%PDF-" for status, body in outcomes if status == 200)
    services.wait_for(
        lambda: len(services.worker_pids(master)) == 4 and workers[0] not in services.worker_pids(master),
        "the master to replace the killed worker",
    )
    after = [download(family) for family in families]
    assert [status for status, _ in after] == [200] * len(families)
