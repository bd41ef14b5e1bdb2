"""The one cleaning every text field gets, whichever form it comes from (the chat, the resume code, key dates,
the Three Houses): Unicode NFC; Windows and old Mac line ends and the Unicode line and paragraph separators
(U+2028, U+2029) made plain new lines; control characters, NUL and unpaired
surrogates stripped; new lines and tabs kept (a parent may write a list); spaces at the ends trimmed.

Format characters (direction marks, zero-width joiners) are kept: they are part of how Urdu, Arabic, Indic
scripts and emoji are written.
"""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNPAIRED_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_ENDS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})


def clean_text(text):
    """``text`` (None counts as empty) cleaned as every text field is: see the module's docstring."""
    text = (text or "").replace("\r\n", "\n").translate(_LINE_ENDS)
    text = _UNPAIRED_SURROGATE.sub("", _CONTROL.sub("", text))
    return unicodedata.normalize("NFC", text).strip()
