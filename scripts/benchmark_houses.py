"""How long the Three Houses PDF takes to build, next to WeasyPrint's own one-page floor, in the same run.

The full set is 10 things in each house (words in three scripts, pictures, and one drawing each: 3
drawings of 1000 x 750, as the canvas sends them), all shared. The floor is the one the preparation PDF's
benchmark uses: WeasyPrint writing one line on one page. Also shown: the Three Houses with nothing in them,
the template's own fixed cost. Target: at most 3 times the floor. Prints medians; never fails a build.
"""

import base64
import io
import random
import sys
import tempfile
from pathlib import Path

from bench_timing import RUNS, floor, medians
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from familyguide import create_app  # noqa: E402
from familyguide.houses import activity as rules  # noqa: E402
from familyguide.houses.drawings import clean_png, print_copy  # noqa: E402
from familyguide.houses.report import build_pdf  # noqa: E402

TARGET = 3.0
WORDS = ["I worry when Dad shouts at Mum at night", "Boję się, kiedy tata krzyczy", "My cat Misty",
         "Going to the park with Nan on Saturdays", "I want my own room with a blue bed", "أحب أختي",
         "School is OK but I miss my friend Amir", "আমি ফুটবল খেলতে ভালোবাসি"]


def child_drawing(seed):
    """A canvas-sized drawing: a few thick strokes in a few colours on white."""
    chance = random.Random(seed)
    image = Image.new("RGB", (1000, 750), "white")
    pen = ImageDraw.Draw(image)
    for _ in range(12):
        points = [(chance.randrange(1000), chance.randrange(750))]
        for _ in range(30):
            x, y = points[-1]
            x, y = x + chance.randint(-40, 40), y + chance.randint(-40, 40)
            points.append((min(999, max(0, x)), min(749, max(0, y))))
        pen.line(points, fill=chance.choice(["#0b0c0c", "#d4351c", "#1d70b8", "#00703c"]), width=10, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return clean_png(out.getvalue())


def full_set():
    activity = rules.new_activity("Ola", 8, "pl", "Sam Patel", "2026-11-22", "en")
    for index, house in enumerate(rules.HOUSES):
        png = child_drawing(index)
        rules.add_thing(activity, house, "drawing", png=base64.b64encode(png).decode("ascii"),
                        jpeg=base64.b64encode(print_copy(png)).decode("ascii"))
        for n in range(6):
            words = WORDS[(n + index) % len(WORDS)]
            rules.add_thing(activity, house, "words", text=words, by=("child", "worker")[n % 2])
        for picture in ("sun", "heart", "dog"):
            rules.add_thing(activity, house, "picture", picture=picture)
    rules.set_share(activity, {thing["id"]: True for thing in activity["things"]})
    for house in rules.HOUSES:
        activity["prompts"][house] = ["What worries you?", "Who helps you when you are sad?"]
    return activity


def main():
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{folder}/benchmark.sqlite3",
                          "SERVER_NAME": "localhost"})
        full, empty = full_set(), rules.new_activity("Ola", 8, "pl", "Sam Patel", "2026-11-22", "en")
        with app.test_request_context("/en/three-houses/three-houses.pdf"):
            app.preprocess_request()
            full_time, empty_time, floor_time = medians(lambda: build_pdf(full), lambda: build_pdf(empty), floor)
            size = len(build_pdf(full))
    ratio = full_time / floor_time
    print(f"Three Houses, 10 things in each house, 3 drawings: median {full_time * 1000:6.1f} ms ({size // 1024} KB)")
    print(f"Three Houses with nothing in them:                 median {empty_time * 1000:6.1f} ms")
    print(f"WeasyPrint floor, one line on one page:            median {floor_time * 1000:6.1f} ms")
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"Ratio {ratio:.2f}x ({verdict} the target of {TARGET:.0f}x), {RUNS} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
