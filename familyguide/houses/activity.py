"""A child's Three Houses as plain data: what is in each house, who wrote it, what may be shared.

The activity is a JSON-able dict (it is stored, encrypted, by the shared storage module). Nothing here
imports Flask, so the rules are tested on their own.
"""

from typing import Literal, NotRequired, TypedDict, cast

HOUSES = ("worries", "good-things", "dreams")
KINDS = ("words", "picture", "drawing")
WRITERS = ("child", "worker")

MAX_WORDS_LENGTH = 500
MAX_THINGS_PER_HOUSE = 30
MAX_DRAWINGS_PER_HOUSE = 4


class Thing(TypedDict):
    """One thing in a house: the child's words, a picture (sticker) or a drawing (PNG and JPEG, base64)."""

    id: str
    house: str
    kind: str  # one of KINDS
    by: str  # one of WRITERS
    text: str
    picture: str
    png: str
    jpeg: str
    share: bool | None  # may it be shown at the meeting? None until the child says
    translation: NotRequired[str]  # the worker's English translation of the child's words


class Activity(TypedDict):
    """A Three Houses as stored (encrypted) in the session's draft."""

    child: str
    age: int
    child_lang: str
    worker: str
    date: str  # ISO date
    worker_lang: str
    things: list[Thing]
    prompts: dict[str, list[str]]  # house -> the worker's questions asked there, in English
    next_id: int
    feel_safe: NotRequired[str | None]  # "1" to "5", None when the child would rather not say
    writer: NotRequired[str]  # who is writing the child's words now (one of WRITERS), set by the worker
    resume_code: NotRequired[str]  # the worker's way back after the quick exit
    holder: NotRequired[str]  # this device's name, when it is kept on a child's invitation (see store.py)


class HouseFull(ValueError):
    """The house holds as many things (or drawings) as it may."""

    def __init__(self, reason: Literal["things", "drawings"]):
        super().__init__(reason)
        self.reason = reason


def new_activity(child: str, age: int, child_lang: str, worker: str, day: str, worker_lang: str) -> Activity:
    """A new, empty Three Houses. ``day`` is an ISO date string."""
    return {
        "child": child,
        "age": age,
        "child_lang": child_lang,
        "worker": worker,
        "date": day,
        "worker_lang": worker_lang,
        "things": [],
        "prompts": {house: [] for house in HOUSES},
        "next_id": 1,
        "writer": "child",
    }


def things_in(activity: Activity, house: str) -> list[Thing]:
    return [thing for thing in activity["things"] if thing["house"] == house]


def find_thing(activity: Activity, thing_id: str | None) -> Thing | None:
    return next((thing for thing in activity["things"] if thing["id"] == thing_id), None)


def _room_for(activity: Activity, house: str, kind: str) -> None:
    inside = things_in(activity, house)
    if len(inside) >= MAX_THINGS_PER_HOUSE:
        raise HouseFull("things")
    if kind == "drawing" and sum(t["kind"] == "drawing" for t in inside) >= MAX_DRAWINGS_PER_HOUSE:
        raise HouseFull("drawings")


def add_thing(
    activity: Activity,
    house: str,
    kind: str,
    by: str = "child",
    text: str = "",
    picture: str = "",
    png: str = "",
    jpeg: str = "",
) -> Thing:
    """Put a new thing in a house and return it. Its consent starts unanswered (None)."""
    if house not in HOUSES or kind not in KINDS or by not in WRITERS:
        raise ValueError("unknown house, kind or writer")
    _room_for(activity, house, kind)
    thing: Thing = {
        "id": f"t{activity['next_id']}",
        "house": house,
        "kind": kind,
        "by": by,
        "text": text,
        "picture": picture,
        "png": png,
        "jpeg": jpeg,
        "share": None,
    }
    activity["next_id"] += 1
    activity["things"].append(thing)
    return thing


def change_thing(thing: Thing, **changes: str) -> None:
    """Change a thing's words, writer, picture or drawing. A changed thing is asked about sharing again, and
    a translation of words that changed no longer fits them: it goes."""
    allowed = {key: value for key, value in changes.items() if key in ("text", "by", "picture", "png", "jpeg")}
    if allowed.get("by", thing["by"]) not in WRITERS:
        raise ValueError("unknown writer")
    fields = cast(dict[str, object], thing)  # only the string fields above are changed
    if any(fields[key] != value for key, value in allowed.items()):
        if allowed.get("text", thing["text"]) != thing["text"]:
            thing["translation"] = ""
        fields.update(allowed)
        thing["share"] = None


def writer(activity: Activity) -> str:
    """Who is writing the child's words now, as the worker set it on their page (the child, to begin with)."""
    return activity.get("writer", "child")


def set_writer(activity: Activity, by: str) -> None:
    if by not in WRITERS:
        raise ValueError("unknown writer")
    activity["writer"] = by


MAX_TRANSLATION_LENGTH = 2000


def set_translations(activity: Activity, translations: dict[str, str]) -> None:
    """Keep the worker's English translation of the child's words: ``translations`` maps thing ids to text
    (an empty text takes a translation away). Only words have one."""
    for thing in activity["things"]:
        if thing["kind"] == "words" and thing["id"] in translations:
            thing["translation"] = translations[thing["id"]]


def remove_thing(activity: Activity, thing_id: str) -> bool:
    """Take a thing out. True if it was there."""
    before = len(activity["things"])
    activity["things"] = [thing for thing in activity["things"] if thing["id"] != thing_id]
    return len(activity["things"]) < before


def set_share(activity: Activity, answers: dict[str, bool]) -> None:
    """Record the child's yes/no for each thing: ``answers`` maps thing ids to True or False."""
    for thing in activity["things"]:
        if thing["id"] in answers:
            thing["share"] = answers[thing["id"]]


def shared_things(activity: Activity, house: str) -> list[Thing]:
    """What the child agreed to show at the meeting, in the order it was added."""
    return [thing for thing in things_in(activity, house) if thing["share"] is True]


def left_out_count(activity: Activity) -> int:
    """How many things the PDF leaves out: every thing the child did not say yes to."""
    return sum(thing["share"] is not True for thing in activity["things"])


# "How safe do you feel at home?": an optional scale of faces, from 1 (not safe at all) to 5 (very safe).
FEEL_SAFE_LEVELS = ("1", "2", "3", "4", "5")


def set_feel_safe(activity: Activity, level: str | None) -> None:
    """Record the face the child chose, or ``None`` when they would rather not say."""
    if level is not None and level not in FEEL_SAFE_LEVELS:
        raise ValueError("unknown level")
    activity["feel_safe"] = level


def feel_safe(activity: Activity) -> str | None:
    """The face the child chose ("1" to "5"), or ``None`` if they did not answer (older work has no answer)."""
    return activity.get("feel_safe")
