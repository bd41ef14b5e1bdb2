"""A child's Three Houses as plain data: what is in each house, who wrote it, what may be shared.

The activity is a JSON-able dict (it is stored, encrypted, by the shared storage module). Nothing here
imports Flask, so the rules are tested on their own.
"""

HOUSES = ("worries", "good-things", "dreams")
KINDS = ("words", "picture", "drawing")
WRITERS = ("child", "worker")

MAX_WORDS_LENGTH = 500
MAX_THINGS_PER_HOUSE = 30
MAX_DRAWINGS_PER_HOUSE = 4


class HouseFull(ValueError):
    """The house holds as many things (or drawings) as it may."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def new_activity(child, age, child_lang, worker, day, worker_lang):
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


def things_in(activity, house):
    return [thing for thing in activity["things"] if thing["house"] == house]


def find_thing(activity, thing_id):
    return next((thing for thing in activity["things"] if thing["id"] == thing_id), None)


def _room_for(activity, house, kind):
    inside = things_in(activity, house)
    if len(inside) >= MAX_THINGS_PER_HOUSE:
        raise HouseFull("things")
    if kind == "drawing" and sum(t["kind"] == "drawing" for t in inside) >= MAX_DRAWINGS_PER_HOUSE:
        raise HouseFull("drawings")


def add_thing(activity, house, kind, by="child", text="", picture="", png="", jpeg=""):
    """Put a new thing in a house and return it. Its consent starts unanswered (None)."""
    if house not in HOUSES or kind not in KINDS or by not in WRITERS:
        raise ValueError("unknown house, kind or writer")
    _room_for(activity, house, kind)
    thing = {
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


def change_thing(thing, **changes):
    """Change a thing's words, writer, picture or drawing. A changed thing is asked about sharing again, and
    a translation of words that changed no longer fits them: it goes."""
    allowed = {key: value for key, value in changes.items() if key in ("text", "by", "picture", "png", "jpeg")}
    if allowed.get("by", thing["by"]) not in WRITERS:
        raise ValueError("unknown writer")
    if any(thing[key] != value for key, value in allowed.items()):
        if allowed.get("text", thing["text"]) != thing["text"]:
            thing["translation"] = ""
        thing.update(allowed)
        thing["share"] = None


def writer(activity):
    """Who is writing the child's words now, as the worker set it on their page (the child, to begin with)."""
    return activity.get("writer", "child")


def set_writer(activity, by):
    if by not in WRITERS:
        raise ValueError("unknown writer")
    activity["writer"] = by


MAX_TRANSLATION_LENGTH = 2000


def set_translations(activity, translations):
    """Keep the worker's English translation of the child's words: ``translations`` maps thing ids to text
    (an empty text takes a translation away). Only words have one."""
    for thing in activity["things"]:
        if thing["kind"] == "words" and thing["id"] in translations:
            thing["translation"] = translations[thing["id"]]


def remove_thing(activity, thing_id):
    """Take a thing out. True if it was there."""
    before = len(activity["things"])
    activity["things"] = [thing for thing in activity["things"] if thing["id"] != thing_id]
    return len(activity["things"]) < before


def set_share(activity, answers):
    """Record the child's yes/no for each thing: ``answers`` maps thing ids to True or False."""
    for thing in activity["things"]:
        if thing["id"] in answers:
            thing["share"] = answers[thing["id"]]


def shared_things(activity, house):
    """What the child agreed to show at the meeting, in the order it was added."""
    return [thing for thing in things_in(activity, house) if thing["share"] is True]


def left_out_count(activity):
    """How many things the PDF leaves out: every thing the child did not say yes to."""
    return sum(thing["share"] is not True for thing in activity["things"])


def set_prompts_used(activity, house, prompts):
    if house not in HOUSES:
        raise ValueError("unknown house")
    activity["prompts"][house] = list(prompts)


# "How safe do you feel at home?": an optional scale of faces, from 1 (not safe at all) to 5 (very safe).
FEEL_SAFE_LEVELS = ("1", "2", "3", "4", "5")


def set_feel_safe(activity, level):
    """Record the face the child chose, or ``None`` when they would rather not say."""
    if level is not None and level not in FEEL_SAFE_LEVELS:
        raise ValueError("unknown level")
    activity["feel_safe"] = level


def feel_safe(activity):
    """The face the child chose ("1" to "5"), or ``None`` if they did not answer (older work has no answer)."""
    return activity.get("feel_safe")
