"""How fast a worker's inbox answers with 500 conference records and 2,000 invitations (a quarter of them with
views sent), and how many SQL queries it takes (a fixed few: no query per row); and how long the invitation
letter takes to build next to its content floor (bench_timing.py). Target: the inbox under 100 ms."""

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench_timing import floor, medians, print_ratios
from markupsafe import escape

TEST_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE="
RECORDS, PER_RECORD, RUNS = 500, 4, 15


def seeded_app():
    from familyguide import clock, create_app, db, invitations
    from familyguide.staff import accounts, sessions

    folder = Path(tempfile.mkdtemp(prefix="familyguide-bench-"))
    app = create_app(
        {
            "SECRET_KEY": "bench-secret",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "SERVER_NAME": "localhost",
        }
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    with app.test_request_context("/staff/"):
        accounts.add("bench.worker@council.gov.uk", "worker", "Bench", create_team=True)
        worker = accounts.find_by_email("bench.worker@council.gov.uk")
        today = clock.now().date()

        def no_audit(*_):
            return None

        for n in range(RECORDS):
            record_id = invitations.create_record(
                worker, f"Case {n:05d}/BENCH", today + timedelta(days=n % 25), "first", no_audit
            )
            record = invitations.record_for(worker, record_id)
            for p in range(PER_RECORD):
                kind = invitations.CHILD if p == PER_RECORD - 1 else invitations.PARENT
                invitation_id = invitations.add_invitation(record, kind, "pl", f"P{p}", 8, no_audit)
                if p == 0:
                    invitations.send_views(invitation_id, {"kept_safe": {"status": "answered", "value": "x"}}, "pl")
        sessions.start(worker, sessions.FULL)
        from flask import g

        token = g.staff_cookie
    client = app.test_client()
    client.set_cookie(app.config["STAFF_COOKIE_NAME"], token, path="/staff")
    return app, client


def queries_per_request(app, client, path):
    from sqlalchemy import event

    engine = app.extensions["familyguide.db"].kw["bind"]
    seen = []

    def count(*_args, **_kwargs):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    client.get(path)
    event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def inbox(app, client, path="/staff/conferences", what="first page (50 records)"):
    response = client.get(path)
    assert response.status_code == 200 and "/BENCH" in response.get_data(as_text=True), response.status
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    verdict = "within" if median < 0.1 else "OVER"
    print(
        f"Inbox with {RECORDS} records and {RECORDS * PER_RECORD} invitations stored, {what}: median "
        f"{median * 1000:.1f} ms ({verdict} the target of 100 ms), {queries_per_request(app, client, path)} SQL "
        "queries per request"
    )


def letter(app):
    from familyguide import invitation_letter
    from familyguide.pdf import html_to_pdf

    link = "https://guide.example.gov.uk/pl/prepare/invite/Zq3_x-8KpLmNoPqRsTuVwXyZ012345"

    def build():
        with app.test_request_context("/staff/"):
            return invitation_letter.letter_pdf("pl", link, "ABCD-EFGH-JKM", time_date(), "first")

    def time_date():
        from datetime import date

        return date(2027, 3, 10)

    import pymupdf

    with pymupdf.open(stream=build(), filetype="pdf") as document:  # every word the letter holds, both languages
        lines = [line for page in document for line in page.get_text().splitlines() if line.strip()]
    svg = invitation_letter.qr_svg(link)
    html = "<html lang='pl'>" + "".join(f"<p>{escape(w)}</p>" for w in lines) + "<img src='image:qr.svg'></html>"
    letter_time, content_time, floor_time = medians(build, lambda: html_to_pdf(html, images={"qr.svg": svg}), floor)
    print(f"Invitation letter (Polish with English): median {letter_time * 1000:.1f} ms")
    print(f"Content floor, its {len(lines)} lines and QR code in plain HTML: median {content_time * 1000:.1f} ms")
    print_ratios(letter_time, content_time, floor_time)


def main():
    app, client = seeded_app()
    inbox(app, client)
    inbox(app, client, "/staff/conferences?page=10", "last page")
    letter(app)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
