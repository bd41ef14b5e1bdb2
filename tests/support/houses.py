"""Shared steps for the Three Houses tests (no tests here): start an activity, add things, read what is stored."""

import io
import random
import re

from PIL import Image, ImageDraw
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from familyguide import storage
from familyguide.houses.store import KIND, SESSION_KEY, with_drawings

BASE = "/en/three-houses"
HOUSES = ("worries", "good-things", "dreams")


def csrf_token(client, path=f"{BASE}/"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def start(client, child_lang="en", worker_lang="en", **fields):
    """Start a Three Houses as a worker would (on the start page in ``worker_lang``); returns the CSRF token."""
    token = csrf_token(client)
    form = {
        "csrf_token": token,
        "child": "Ola",
        "age": "8",
        "child_lang": child_lang,
        "worker": "Sam Patel",
        "day": "22",
        "month": "11",
        "year": "2026",
        **fields,
    }
    response = client.post(f"/{worker_lang}/three-houses/", data=form, follow_redirects=True)
    assert response.history and response.history[0].status_code == 303, response.get_data(as_text=True)
    return token


def add_words(client, token, house, text, by=None):
    """Add words to a house; ``by`` ("child" or "worker") is set on the worker's page first, as a worker does."""
    if by is not None:
        set_writer(client, token, by)
    return client.post(f"{BASE}/houses/{house}/words", data={"csrf_token": token, "text": text}, follow_redirects=True)


def set_writer(client, token, by):
    """The worker says on their page who is writing the child's words now."""
    raw = getattr(client, "raw", client)
    raw.post(f"{BASE}/for-the-worker/writer", data={"csrf_token": token, "by": by})


def translate(client, token, translations):
    """The worker types an English translation of the child's words: {thing id: text}."""
    data = {"csrf_token": token, **{f"translation-{thing_id}": text for thing_id, text in translations.items()}}
    return client.post(f"{BASE}/for-the-worker/translations", data=data, follow_redirects=True)


def add_picture(client, token, house, picture):
    return client.post(
        f"{BASE}/houses/{house}/pictures", data={"csrf_token": token, "picture": picture}, follow_redirects=True
    )


def add_drawing(client, token, house, data, path=None, follow_redirects=True):
    # Encoded in memory: the test client's own encoder spools big bodies to temporary files it never closes.
    boundary, body = encode_multipart(
        {"csrf_token": token, "drawing": FileStorage(io.BytesIO(data), "drawing.png", content_type="image/png")}
    )
    return client.post(
        path or f"{BASE}/houses/{house}/drawings",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        follow_redirects=follow_redirects,
    )


def share(client, token, answers):
    data = {"csrf_token": token, **{f"share-{thing_id}": value for thing_id, value in answers.items()}}
    return client.post(f"{BASE}/read-back", data=data, follow_redirects=True)


def choose_face(client, token, level):
    """Tap a face on "How safe do you feel at home?" ("" for "I do not want to say")."""
    return client.post(f"{BASE}/feel-safe", data={"csrf_token": token, "feel_safe": level}, follow_redirects=True)


def redirected(response):
    """True when the post succeeded: it redirected (303) to a page that was then fetched and checked."""
    return bool(response.history) and response.history[0].status_code == 303 and response.status_code == 200


def drawing_png(size=(400, 300), colour="red", mode="RGBA", **save_options):
    """A drawing as the canvas sends it: strokes on a (transparent) background."""
    image = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    ImageDraw.Draw(image).line([(10, 10), (size[0] - 10, size[1] - 10)], fill=colour, width=8)
    out = io.BytesIO()
    image.save(out, format="PNG", **save_options)
    return out.getvalue()


def noise_png(side, seed=1):
    """A drawing that does not compress: about 3 bytes a dot once saved again (400 by 400 is about 470 KB)."""
    image = Image.frombytes("RGB", (side, side), random.Random(seed).randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def draft_id(client):
    """The id of the draft this client's session is bound to (the cookie holds only a binding token)."""
    raw = getattr(client, "raw", client)
    with raw.session_transaction() as session, raw.application.app_context():
        return storage.bound_draft(session.get(SESSION_KEY))


def session_token(client):
    """The binding token this client's session holds (what opens its draft)."""
    with getattr(client, "raw", client).session_transaction() as session:
        return session.get(SESSION_KEY)


def stored(app, client):
    """The activity as the storage module holds it, its drawings (stored apart) put back (None when gone)."""
    with app.app_context():
        found = storage.load_with_parts(session_token(client), KIND)
    return None if found is None else with_drawings(*found)
