"""The helper's own words in the chat (interface strings, translated through gettext)."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from .journey import ANSWERED, NOT_SURE

ERRORS = {
    "empty": _l("Write your answer, or choose “I’m not sure” or “Skip this question”."),
    "too_long": _l(
        "Your answer must be 3,000 characters or fewer. You can make it shorter, or say the rest at the meeting."
    ),
    "choose": _l("Choose one of the answers, or choose “I’m not sure” or “Skip this question”."),
    # The whole draft is at its size limit (FAMILYGUIDE_DRAFT_MAX_BYTES): nothing more was kept.
    "draft_full": _l(
        "There is no more room to keep your answers. Make an earlier answer shorter, then send this again."
    ),
    "choose_scale": _l("Choose a number from 0 to 10, or choose “I’m not sure” or “Skip this question”."),
    "code_not_found": _l("We could not find answers with that code. Check the code and try again."),
    "code_missing": _l("Enter the code you were given, for example ABCD-EFGH-JKL."),
    "code_mistyped": _l("One letter or number in that code is not right. Check each one and try again."),
    "invite_not_found": _l(
        "That code does not work. It may be old, or your social worker may have made a new one. "
        "Check the code, or ask your social worker for a new letter."
    ),
}

# The optional "whose views" questions at the start.
ABOUT_ERRORS = {
    "parent_long": _l("Your name is too long for the PDF. You can write your initials instead."),
    "child_long": _l("Your child's initials are too long. Write only the first letter of each name."),
    "date_incomplete": _l("Enter the day, month and year of the conference, or leave the date empty."),
    "date_not_real": _l("The date must be a real date, for example 22 11 2026."),
    "date_range": _l("Enter a conference date from the last year or the next year."),
}

THANKS = (
    _l("Thank you. That is helpful."),
    _l("Thank you for telling me."),
    _l("Thank you. That helps the meeting understand your family."),
)
NOT_SURE_REPLY = _l("That is fine. You can come back to it later, or talk about it at the meeting.")
SKIPPED_REPLY = _l("That is fine. We will leave this one out.")

NOT_SURE_ANSWER = _l("I’m not sure")
SKIPPED_ANSWER = _l("Skipped")


def acknowledgement(status, number):
    """A short, warm reply after an answer. It never comments on what the parent wrote."""
    if status == ANSWERED:
        return THANKS[number % len(THANKS)]
    return NOT_SURE_REPLY if status == NOT_SURE else SKIPPED_REPLY


def shown_answer(question, record):
    """The parent's answer as it appears in the chat and on the check page."""
    if record["status"] == NOT_SURE:
        return NOT_SURE_ANSWER
    if record["status"] != ANSWERED:
        return SKIPPED_ANSWER
    return question.label(record["value"])


def answer_html(question, record):
    """The parent's answer as the chat and the check page show it: exactly as written (escaped; the page's
    style keeps its new lines), in the direction of its own words."""
    # Escaped and joined as one string rather than Markup.format (string.Formatter: a fifth of the chat's log) or
    # Markup + Markup (each + escapes and makes a Markup again). Safe as Markup (bandit B704): all that is not
    # our own HTML went through escape().
    return Markup(f'<p class="answer-text" dir="auto">{escape(shown_answer(question, record))}</p>')  # nosec
