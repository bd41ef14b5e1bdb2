"""Reading a whole number a person typed, the same way on every form and query string.

ASCII digits only, and only a few of them: ``str.isdigit()`` is true for "²", "①" and "¹²", which ``int()``
refuses, and twenty digits overflow a date. Anything else is "not a number" (None), never an error.
"""

ASCII_DIGITS = frozenset("0123456789")


def read_number(text, max_digits):
    """The number ``text`` holds (at most ``max_digits`` ASCII digits, nothing else), else None."""
    if not text or len(text) > max_digits or not ASCII_DIGITS.issuperset(text):
        return None
    return int(text)
