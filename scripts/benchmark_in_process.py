"""Processor time of one request of each kind in one process: the app called directly, in a loop, with no
gunicorn, no wrk and no network in between. Steadier than the load test (benchmark_load.py), whose ratios move
with the machine's slow spells: this says what a page's own work costs, and whether a change made it cheaper.

The same pages as the load test, set up the same way (its ``targets``: a parent two answers into the chat,
a house with two things in it, each with its own cookie), through a server on loopback in this process; then
each page's request is made ROUNDS times REQUESTS times straight through ``app.wsgi_app``. Prints the median
round's milliseconds a request and the ratio to the static file's. Prints numbers; never fails a build.
"""

import io
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server
from werkzeug.test import EnvironBuilder

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchmark_load as load  # noqa: E402

ROUNDS = 9
REQUESTS = 500


def request_runner(app, target):
    """A function that makes ``target``'s request once through the app, and checks it was answered."""
    headers = {"Cookie": target.cookie} if target.cookie else {}
    environ = EnvironBuilder(path=target.path, headers=headers).get_environ()

    def run():
        status = []
        body = app.wsgi_app(
            {**environ, "wsgi.input": io.BytesIO(b"")}, lambda line, headers, error=None: status.append(line)
        )
        try:
            for _ in body:
                pass
        finally:
            getattr(body, "close", lambda: None)()
        if not status[0].startswith("200"):
            raise RuntimeError(f"{target.label}: {status[0]}")

    return run


def milliseconds_a_request(run):
    """The median round's milliseconds a request, after a round to warm up (the first requests build caches)."""
    rounds = []
    for _ in range(ROUNDS + 1):
        started = time.perf_counter()
        for _ in range(REQUESTS):
            run()
        rounds.append((time.perf_counter() - started) * 1000 / REQUESTS)
    return statistics.median(rounds[1:])


def main():
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(load.settings(folder))
        from familyguide import create_app

        app = create_app()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            static, plan = load.targets(f"http://127.0.0.1:{server.server_port}")
        finally:
            server.shutdown()
        static_ms = milliseconds_a_request(request_runner(app, static))
        print(f"One request at a time in one process ({ROUNDS} rounds of {REQUESTS}, the median round):")
        print("| what                    | ms a request | x static |")
        print("| ----------------------- | -----------: | -------: |")
        print(f"| {static.label:23} | {static_ms:12.3f} |          |")
        for target in plan:
            if target.is_page:
                page_ms = milliseconds_a_request(request_runner(app, target))
                print(f"| {target.label:23} | {page_ms:12.3f} | {static_ms / page_ms:8.2f} |")


if __name__ == "__main__":
    main()
