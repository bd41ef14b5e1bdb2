"""How long "My views for the conference" takes to build, next to the two floors of bench_timing.py.

Prints the median time to build a full ten-answer PDF through the app (render_pdf, fonts for five scripts),
the same headings and answers as plain HTML (the content floor) and WeasyPrint's one-line, one-page floor,
all in the same run. Target: at most 3 times the content floor.
"""

import sys
import tempfile
from pathlib import Path

from bench_timing import floor, medians, print_ratios
from markupsafe import escape

TEST_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE="
ANSWERS = {
    "conference_kind": "first",
    "going_well": "I take the children to school every day. We eat together at night and read a story.\n"
    "My son knows he can talk to me about anything.",
    "want_known": "We have had a hard year since my mother died. Things are better now and we have a routine.",
    "needs_to_change": "I need to stay calm when I am tired, and ask for help sooner.",
    "worries": "أطفالي سعداء في المدرسة ويحبون اللعب مع أصدقائهم",
    "help_needed": "میرے بچے خوش ہیں اور ہم ساتھ کھانا کھاتے ہیں",
    "next_steps": "আমার ছেলে স্কুলে ভালো করছে। আমি প্রতিদিন তাকে গল্প পড়ে শোনাই।",
    "network": "ਮੇਰੇ ਬੱਚੇ ਖੁਸ਼ ਹਨ। ਸਾਨੂੰ ਘਰ ਲਈ ਮਦਦ ਦੀ ਲੋੜ ਹੈ।",
    "on_the_day": "An interpreter, a break after an hour, and my friend Sam to sit with me.",
    "scale": "6",
}


def views_pdf_builder():
    from familyguide import create_app, db
    from familyguide.pdf import html_to_pdf
    from familyguide.prepare import views_pdf
    from familyguide.prepare.questions import journey

    folder = Path(tempfile.mkdtemp(prefix="familyguide-bench-"))
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "SERVER_NAME": "localhost",
        }
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    answers = {key: {"status": "answered", "value": value} for key, value in ANSWERS.items()}

    def build():
        with app.test_request_context("/en/prepare/my-views-for-the-conference.pdf"):
            from flask import g

            g.lang = "en"
            return views_pdf.document(journey("en"), answers)

    def plain_copy():
        """The content floor: the same headings and answers, as plain HTML with no stylesheet."""
        with app.test_request_context("/en/prepare/my-views-for-the-conference.pdf"):
            found = views_pdf.sections(journey("en"), answers)
        parts = "".join(f"<h2>{escape(s['heading'])}</h2><p>{escape(s['text'])}</p>" for s in found)
        html = f'<html lang="en"><title>My views for the conference</title><h1>My views</h1>{parts}</html>'
        return lambda: html_to_pdf(html)

    return build, plain_copy()


def main():
    build, content = views_pdf_builder()
    views, content_time, floor_time = medians(build, content, floor)
    print(f"My views for the conference, {len(ANSWERS)} answers in 5 scripts: median {views * 1000:.1f} ms")
    print(f"Content floor, the same answers in plain HTML:         median {content_time * 1000:.1f} ms")
    print(f"WeasyPrint floor, one line on one page:                median {floor_time * 1000:.1f} ms")
    print_ratios(views, content_time, floor_time)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
