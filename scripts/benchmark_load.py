"""Speed under load: every kind of family page against a static file from the same server, with wrk.

Starts gunicorn on loopback the way the README says to run it (WORKERS workers, gthread), then runs wrk (Debian
package ``wrk``) for DURATION seconds at CONNECTIONS connections against: the site's CSS file (the baseline,
measured in turn with each page), every kind of family page (home, a guide page, the glossary,
the key dates form and its result, the preparation start, the chat of a parent two answers in, a house with two
things in it), an answer saved (each request from the next of POST_PARENTS parents) and a PDF. Prints requests a
second, the ratio to the static file (of their runs outside the machine's slow spells, see measure()), p99
latency and errors.

Target: every family page at least TARGET_RATIO times the static file's throughput, p99 under TARGET_P99_MS, no
errors. Prints numbers and a verdict; never fails a build (timings depend on the machine).
"""

import datetime
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKERS = 2
THREADS = 4
CONNECTIONS = 32
WRK_THREADS = 2
DURATION = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = 6  # runs of the static file and of the page for each row
STEADY = 0.25  # a run counts when it ran at least 75% as fast as the fastest run of its kind in the row
PDF_CONNECTIONS = 4
HALF_WAY_ANSWERS = 9  # about half of a first conference's questions
POST_PARENTS = 32
TARGET_RATIO = 0.5
TARGET_P99_MS = 100
# A key made for this benchmark only (Fernet format); the server lives for one run.
BENCH_SECRET = "benchmark-secret-for-this-one-run-only-0123456789"
BENCH_KEY = "YmVuY2htYXJrLWtleS1iZW5jaG1hcmsta2V5LWJlbmM="


@dataclass
class Target:
    label: str
    path: str
    cookie: str = ""
    body: str = ""  # a POST when set
    is_page: bool = True
    connections: int = CONNECTIONS
    # Requests taken in turn from several visitors (cookie, body): many families saving at once, not one
    # family saving 32 times at once (which measures nothing but their own saves colliding).
    visitors: tuple = ()


@dataclass
class Result:
    target: Target
    requests_per_second: float
    p99_ms: float
    errors: int
    cpu_ms: float = 0.0  # the workers' CPU time per request: much steadier than req/s on a busy machine
    ratio: float = 0.0  # req/s over the static file's, each the median of its fast runs (see measure)
    cpu_ratio: float = 0.0  # the static file's CPU time a request over the page's, the same way
    kept: str = ""  # the page's and the static file's runs that counted (see measure), e.g. "5/6, 6/6"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz") as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def settings(folder):
    """The app's settings for a benchmark, with its SQLite database in ``folder`` (made and upgraded)."""
    database = f"sqlite:///{folder}/bench.sqlite3"
    from familyguide import db

    db.upgrade(database)
    return {
        "FAMILYGUIDE_SECRET_KEY": BENCH_SECRET,
        "FAMILYGUIDE_ENCRYPTION_KEY": BENCH_KEY,
        "DATABASE_URL": database,
        "FAMILYGUIDE_ENV": "development",
        # Every request comes from 127.0.0.1: lift the per-client volume limits, or wrk measures 429 pages.
        "FAMILYGUIDE_DRAFTS_PER_HOUR": "10000000",
        "FAMILYGUIDE_SAVES_PER_HOUR": "10000000",
        "FAMILYGUIDE_PDFS_PER_HOUR": "10000000",
    }


@contextmanager
def gunicorn_server(folder):
    """gunicorn with WORKERS workers on loopback, SQLite in ``folder``; yields the base URL and the master's pid."""
    env = {**os.environ, **settings(folder)}
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "--workers",
        str(WORKERS),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "familyguide:create_app()",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


class Visitor:
    """A browser stand-in with its own cookies, to set up a session the way a family would."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path):
        with self.opener.open(self.base + path) as response:
            return response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data) as response:
            return response.read().decode()

    def csrf_token(self, path):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.get(path)).group(1)

    @property
    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)


def targets(base):
    """The static baseline and every target, with the sessions the family pages need."""
    home = Visitor(base).get("/en/")
    css = re.search(r'<link rel="stylesheet" href="(/static/[^"]*site[^"]*\.css)"', home).group(1)

    parent = parent_part_way(base)
    half_way = parent_further_on(base, HALF_WAY_ANSWERS)
    savers = [parent_part_way(base) for _ in range(POST_PARENTS)]
    answer = {"action": "answer", "answer": "We eat together every night. My son talks to me."}
    saves = tuple(
        (saver.cookie_header, urllib.parse.urlencode({"csrf_token": saver.token, **answer})) for saver in savers
    )

    worker = Visitor(base)
    token = worker.csrf_token("/en/three-houses/")
    today = time.gmtime()
    worker.post(
        "/en/three-houses/",
        {
            "csrf_token": token,
            "child": "Sam",
            "age": "7",
            "child_lang": "en",
            "worker": "Alex",
            "day": today.tm_mday,
            "month": today.tm_mon,
            "year": today.tm_year,
        },
    )
    for words in ("He shouts when he is tired.", "I miss my dog."):
        worker.post("/en/three-houses/houses/worries/words", {"csrf_token": token, "text": words})
    # The key dates result is reached from the form, so its visitor has the cookie the form's first visit set.
    # The date asked: three weeks from today, always inside the form's range.
    reader = Visitor(base)
    reader.get("/en/key-dates/")
    asked = datetime.date.today() + datetime.timedelta(weeks=3)
    result_query = urllib.parse.urlencode({"day": asked.day, "month": asked.month, "year": asked.year, "kind": "first"})
    static = Target("static CSS (baseline)", css, is_page=False)
    return static, [
        Target("home", "/en/"),
        Target("guide page", "/en/guide/who-will-be-there"),
        Target("guide page, Arabic", "/ar/guide/who-will-be-there"),
        Target("glossary", "/en/guide/words-you-may-hear"),
        Target("key dates form", "/en/key-dates/"),
        Target("key dates result", f"/en/key-dates/?{result_query}", cookie=reader.cookie_header),
        Target("preparation start", "/en/prepare/"),
        Target("chat, 2 answers in", "/en/prepare/chat", cookie=parent.cookie_header),
        Target(f"chat, {HALF_WAY_ANSWERS} answers in", "/en/prepare/chat", cookie=half_way.cookie_header),
        Target("house, 2 things in it", "/en/three-houses/houses/worries", cookie=worker.cookie_header),
        Target(f"answer POST, {POST_PARENTS} parents", "/en/prepare/chat/going_well", is_page=False, visitors=saves),
        Target(
            "PDF (views)",
            "/en/prepare/my-views-for-the-conference.pdf",
            cookie=parent.cookie_header,
            is_page=False,
            connections=PDF_CONNECTIONS,
        ),
    ]


def parent_part_way(base):
    """A parent three answers into the chat, at the question of what is going well."""
    parent = Visitor(base)
    parent.token = token = parent.csrf_token("/en/prepare/")
    parent.post("/en/prepare/start", {"csrf_token": token})
    parent.post("/en/prepare/chat/conference_kind", {"csrf_token": token, "choice": "first"})
    parent.post("/en/prepare/chat/kept_safe", {"csrf_token": token, "action": "answer", "answer": "My mum stayed."})
    return parent


def parent_further_on(base, answers):
    """A parent ``answers`` answers into the chat, each the next question's (a text answer, or a choice's first
    value): the chat's page half way through, with a longer conversation above the question."""
    parent = parent_part_way(base)
    for _ in range(answers - 2):
        page = parent.get("/en/prepare/chat")
        key = re.search(r'action="/en/prepare/chat/([a-z_]+)"', page).group(1)
        choice = re.search(r'name="choice" value="([^"]+)"', page)
        fields = {"choice": choice.group(1)} if choice else {"action": "answer", "answer": "We talk every night."}
        parent.post(f"/en/prepare/chat/{key}", {"csrf_token": parent.token, **fields})
    return parent


def lua_script(folder, target):
    """A wrk script that sends the target's cookie and, for a POST, its form body; with several visitors, each
    request is the next visitor's (each wrk thread starts at its own)."""
    path = Path(folder) / f"wrk-{abs(hash(target.label))}.lua"
    if target.visitors:
        entries = ",\n".join(f"  {{{lua_string(cookie)}, {lua_string(body)}}}" for cookie, body in target.visitors)
        path.write_text(
            f"local visitors = {{\n{entries}\n}}\n"
            "local threads = 0\n"
            'setup = function(thread) threads = threads + 1; thread:set("first", threads * 13) end\n'
            "init = function(args) turn = first end\n"
            "request = function()\n"
            "  turn = turn % #visitors + 1\n"
            "  local headers = {Cookie = visitors[turn][1], "
            '["Content-Type"] = "application/x-www-form-urlencoded"}\n'
            '  return wrk.format("POST", nil, headers, visitors[turn][2])\n'
            "end\n",
            encoding="utf-8",
        )
        return path
    lines = []
    if target.cookie:
        lines.append(f'wrk.headers["Cookie"] = {lua_string(target.cookie)}')
    if target.body:
        lines += [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
            f"wrk.body = {lua_string(target.body)}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def workers_cpu_seconds(master):
    """User and system CPU time of the gunicorn master's workers so far."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    ticks = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_wrk(server, target, folder, seconds):
    base, master = server
    command = [
        "wrk",
        "--threads",
        str(WRK_THREADS),
        "--connections",
        str(target.connections),
        "--duration",
        f"{seconds}s",
        "--latency",
        "--script",
        str(lua_script(folder, target)),
        base + target.path,
    ]
    cpu_before = workers_cpu_seconds(master)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = workers_cpu_seconds(master) - cpu_before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return Result(target, parse_rate(output), parse_p99(output), parse_errors(output), cpu * 1000 / max(requests, 1))


def measure(server, static, target, folder):
    """ROUNDS rounds of the static file and then the page; the ratio of their fast runs.

    The machine's speed comes and goes in spells of several seconds: in a slow spell the static file and every
    page take about twice the CPU a request. A page measured in a fast spell against a static file measured in a
    slow one looks twice as good as it is, and the other way round. Pairing each page run with the static run
    next to it does not take that out, as a spell can begin or end between them. So each kind's runs are kept
    only when they ran at least (1 - STEADY) times as fast as that kind's fastest run in this row: the slow
    spells are left out of both sides, and the row compares the page and the static file as the machine runs
    when it is not slowed. Errors and p99 come from every run."""
    run_wrk(server, target, folder, 1)  # warm up: first requests build the caches
    statics, pages = [], []
    for _ in range(ROUNDS):
        statics.append(run_wrk(server, static, folder, DURATION))
        pages.append(run_wrk(server, target, folder, DURATION))
    fast_statics, fast_pages = _fast(statics), _fast(pages)
    static_result = Result(
        static,
        statistics.median(r.requests_per_second for r in fast_statics),
        0,
        0,
        statistics.median(r.cpu_ms for r in fast_statics),
    )
    page_result = Result(
        target,
        statistics.median(r.requests_per_second for r in fast_pages),
        statistics.median(r.p99_ms for r in pages),  # latency from every run: a slow spell is no excuse
        sum(r.errors for r in pages),
        statistics.median(r.cpu_ms for r in fast_pages),
        kept=f"{len(fast_pages)}/{len(pages)}, {len(fast_statics)}/{len(statics)}",
    )
    page_result.ratio = page_result.requests_per_second / static_result.requests_per_second
    if page_result.cpu_ms:
        page_result.cpu_ratio = static_result.cpu_ms / page_result.cpu_ms
    return page_result, static_result


def _fast(runs):
    """The runs at least (1 - STEADY) times as fast as the fastest: those not in a slow spell."""
    fastest = max(r.requests_per_second for r in runs)
    return [r for r in runs if r.requests_per_second >= (1 - STEADY) * fastest]


def parse_rate(output):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def parse_p99(output):
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_errors(output):
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return errors + (int(non_2xx.group(1)) if non_2xx else 0)


def verdict(result, static):
    if not result.target.is_page:  # an answer saved or a PDF: no speed target, but no errors either
        return "ok" if result.errors == 0 else "ERRORS"
    ratio_ok = result.ratio >= TARGET_RATIO
    fine = ratio_ok and result.p99_ms < TARGET_P99_MS and result.errors == 0
    return "ok" if fine else "MISSED"


def table(measured):
    lines = [
        f"| {'what':<23} | {'req/s':>6} | {'static req/s':>12} | {'x static':>8} | {'p99 ms':>6} | "
        f"{'errors':>6} | {'CPU ms/req':>10} | {'x static CPU':>12} | {'fast runs':>10} | target |",
        f"| {'-' * 23} | {'-' * 5}: | {'-' * 11}: | {'-' * 7}: | {'-' * 5}: | {'-' * 5}: | {'-' * 9}: | "
        f"{'-' * 11}: | {'-' * 9}: | ------ |",
    ]
    for result, static in measured:
        lines.append(
            f"| {result.target.label:<23} | {result.requests_per_second:>6.0f} | "
            f"{static.requests_per_second:>12.0f} | "
            f"{result.ratio:>8.2f} | {result.p99_ms:>6.1f} | "
            f"{result.errors:>6} | {result.cpu_ms:>10.2f} | {result.cpu_ratio:>12.2f} | "
            f"{result.kept:>10} | {verdict(result, static):<6} |"
        )
    return lines


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}"


def main():
    if shutil.which("wrk") is None:
        print(
            "wrk is not installed, so the load test cannot run: install the Debian package `wrk` "
            "(`make bench` tries to)."
        )
        return 0
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder, gunicorn_server(folder) as server:
        static, plan = targets(server[0])
        only = os.environ.get("BENCH_ONLY", "")  # e.g. "chat,house": the rows whose names hold one of these
        words = [part.strip() for part in only.split(",") if part.strip()]
        chosen = [t for t in plan if not words or any(word in t.label for word in words)]
        measured = [measure(server, static, target, folder) for target in chosen]
    load_after = os.getloadavg()[0]
    print(
        textwrap.dedent(f"""\
        gunicorn {WORKERS} workers (gthread, {THREADS} threads) and wrk ({WRK_THREADS} threads,
        {CONNECTIONS} connections, {PDF_CONNECTIONS} for the PDF) on {machine()}. Each row: {ROUNDS} rounds of
        {DURATION} s of the static CSS file and then {DURATION} s of the page. A run counts when it ran at least
        {1 - STEADY:.0%} as fast as the fastest run of its kind in the row: the machine's slow spells are left out
        of both sides ("fast runs": the page's, then the static file's). req/s and CPU: the medians of the fast
        runs; "x static": the page's over the static file's. p99 is the median of every run's, errors from every
        run. "x static CPU": the static file's worker CPU time per request over the page's (load average
        {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores).""")
    )
    print("\n".join(table(measured)))
    missed = [result.target.label for result, static in measured if verdict(result, static) in ("MISSED", "ERRORS")]
    print(
        f"Target: every family page >= {TARGET_RATIO} x static, p99 < {TARGET_P99_MS} ms, 0 errors; 0 errors "
        "saving answers and building PDFs: " + ("all met" if not missed else "missed by " + ", ".join(missed))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
