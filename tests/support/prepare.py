"""Shared by the preparation chat tests (no tests here): a parent going through the chat with the test client."""

import re
from datetime import datetime, timedelta

from familyguide import clock

from .pagecheck import problems_with, text_of


class Clock:
    """Time the test moves by hand (storage reads it through familyguide.clock.now)."""

    def __init__(self, monkeypatch, start=datetime(2026, 11, 22, 21, 0)):
        self.now = start
        monkeypatch.setattr(clock, "now", lambda: self.now)

    def forward(self, **kwargs):
        self.now += timedelta(**kwargs)


def code_from(response):
    """The resume code a "Save and come back later" page gives."""
    html = response.get_data(as_text=True)
    return re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{3})</strong>", html).group(1)


def csrf_token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class Parent:
    """One parent on one device (one test client), in one language."""

    def __init__(self, client, lang="en"):
        self.client = client
        self.lang = lang
        self.base = f"/{lang}/prepare"

    def _checked(self, response):
        """Every page is checked like the CheckedClient does; a redirect's stub body is not a page."""
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            problems = problems_with(response.get_data(as_text=True))
            assert not problems, f"{response.request.path}: {problems}"
        return response

    def get(self, path="/chat", **kwargs):
        return self._checked(self.client.raw.get(self.base + path, **kwargs))

    def post(self, path, data=None, **kwargs):
        token = csrf_token(self.get("/come-back").get_data(as_text=True))
        return self._checked(
            self.client.raw.post(self.base + path, data={"csrf_token": token, **(data or {})}, **kwargs)
        )

    def start(self, **about):
        """Start the chat; ``about`` fills the optional "whose views" fields (parent, child, day, month, year)."""
        response = self.post("/start", about)
        assert response.status_code == 303
        return response

    def answer(self, key, text=None, choice=None, action=None):
        data = {}
        if text is not None:
            data["answer"] = text
        if choice is not None:
            data["choice"] = choice
        if action is not None:
            data["action"] = action
        return self.post(f"/chat/{key}", data)

    def save_for_later(self):
        """Save with a resume code, and return the code as the page shows it."""
        return code_from(self.post("/save"))

    def page_text(self, path="/chat"):
        return text_of(self.get(path).get_data(as_text=True))

    def current_question(self):
        html = self.get("/chat", follow_redirects=True).get_data(as_text=True)
        match = re.search(r'action="/[a-z]+/prepare/chat/([a-z_]+)"', html)
        return match.group(1) if match else None


FIRST_CONFERENCE_ANSWERS = [
    ("conference_kind", {"choice": "first"}),
    ("kept_safe", {"text": "I asked my mum to stay when I was ill."}),
    ("going_well", {"text": "I take the children to school every day.\nWe eat together."}),
    ("want_known", {"text": "We have had a hard year. <script>alert(1)</script> & more"}),
    ("worries", {"text": "They worry the house is not clean enough."}),
    ("own_worries", {"text": "I worry my son does not sleep."}),
    ("needs_to_change", {"text": "I need to shout less when I am tired."}),
    ("help_needed", {"text": "Help with the rent, so I can sleep."}),
    ("family_goals", {"text": "The children at school every day and me well."}),
    ("next_steps", {"text": "I can go to the group on Tuesdays."}),
    ("network", {"text": "My mum and my friend Sam. Mum knows the worries."}),
    ("child_view", {"text": "He would say he likes his room."}),
    ("disagree", {"text": "I did not miss the visit on 3 May."}),
    ("questions_to_ask", {"text": "What do I need to do for the plan to end?"}),
    ("on_the_day", {"text": "An interpreter and a break after an hour."}),
    ("scale", {"choice": "6"}),
    ("scale_why", {"text": "My mum helps every day."}),
    ("child_scale", {"choice": "8"}),
    ("one_point_up", {"text": "My own flat."}),
]


def answer_everything(parent, answers=FIRST_CONFERENCE_ANSWERS):
    for key, data in answers:
        response = parent.answer(key, **data)
        assert response.status_code == 303, (key, response.status_code)
    return response
