"""What a browser can send in a text field, as Hypothesis strategies.

Everything in Unicode but lone surrogates (a browser sends UTF-8, which cannot hold them), with extra weight
on what real parents type and what broke things before: format characters (direction marks and isolates,
zero-width joiners), combining marks, emoji sequences, every script of the site's 12 languages, whitespace
only, very long words, and a field's maximum length and one over.
"""

from hypothesis import strategies as st

FORMAT_CHARACTERS = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad"
)
EMOJI_SEQUENCES = [
    "👨\u200d👩\u200d👧\u200d👦",
    "🏳\ufe0f\u200d🌈",
    "👍🏽",
    "🇬🇧",
    "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
    "❤\ufe0f",
    "1\ufe0f\u20e3",
    "🧑🏿\u200d🦱",
    "😀",
]
# The letters of each language's script, as a parent would type them.
SCRIPT_WORDS = [
    "My children are happy",
    "Dzieci są szczęśliwe, żółć",
    "Mae'r plant yn hapus, ŵ ŷ",
    "Copiii sunt fericiți, șî",
    "Los niños están felices, ñ",
    "I bambini sono felici, è",
    "As crianças estão felizes, ção",
    "أطفالي سعداء في المدرسة",
    "میرے بچے خوش ہیں، ٹھیک ڈھنگ",
    "আমার বাচ্চারা খুশি, ভালো কৌশল",
    "ਮੇਰੇ ਬੱਚੇ ਖੁਸ਼ ਹਨ",
    "મારા બાળકો ખુશ છે",
    "07700 900123",
    "https://example.org/a?b=c&d=<e>",
]
SCRIPT_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x600, 0x6FF),
    (0x750, 0x77F),
    (0x980, 0x9FF),
    (0xA00, 0xA7F),
    (0xA80, 0xAFF),
]
WHITESPACE = " \t\n\r\u00a0\u2003\u3000\u2028"

any_character = st.characters(exclude_categories=("Cs",))
script_character = st.one_of(
    *(st.characters(min_codepoint=low, max_codepoint=high, exclude_categories=("Cs",)) for low, high in SCRIPT_RANGES)
)
piece = st.one_of(
    st.text(any_character, min_size=1, max_size=8),
    st.text(script_character, min_size=1, max_size=12),
    st.sampled_from(SCRIPT_WORDS),
    st.sampled_from(EMOJI_SEQUENCES),
    st.text(st.sampled_from(FORMAT_CHARACTERS), min_size=1, max_size=3),
    st.text(st.characters(categories=("Mn", "Mc", "Me")), min_size=1, max_size=3),
    st.text(st.sampled_from(WHITESPACE), min_size=1, max_size=3),
)


def long_word(length):
    """One word of ``length`` characters with no space: a pasted reference number, a web address."""
    return st.builds(
        lambda unit, extra: (unit * (length // len(unit) + 1))[: length - len(extra)] + extra,
        st.sampled_from(["a", "REF-0123456789-", "https://example.org/x/", "ف", "ভা", "😀"]),
        st.text(script_character, max_size=3),
    )


def family_text(max_length):
    """Any text a person could type or paste into a field of ``max_length`` characters, and a little over."""
    return st.one_of(
        st.lists(piece, max_size=12).map("".join),
        st.text(any_character, max_size=60),
        st.text(st.sampled_from(WHITESPACE), min_size=1, max_size=5),
        long_word(max_length),
        long_word(max_length + 1),
        st.integers(min_value=1, max_value=max_length + 1).flatmap(long_word),
    )


UNICODE_DIGITS = "0123456789²³¹①②٣٤۵१२৩੪૫０１２"


def number_box(low, high):
    """What a person may type in a day, month or year box: a number, other digits, anything."""
    in_range = st.integers(low, high).map(str)
    return st.one_of(
        in_range,
        in_range,
        st.text("0123456789", min_size=1, max_size=25),
        st.integers(-10, 10**25).map(str),
        st.text(st.sampled_from(UNICODE_DIGITS), max_size=6),
        family_text(20),
    )
