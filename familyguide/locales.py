"""The one place that knows the site's languages: codes, names, text direction, fonts, checked status."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    english: str
    dir: str = "ltr"
    checked: bool = False
    font: str | None = None
    locale: str = ""  # the Babel locale for dates and numbers, e.g. en_GB; the code when empty

    @property
    def babel_locale(self):
        return self.locale or self.code

    @property
    def is_rtl(self):
        return self.dir == "rtl"


@cache
def _load(content_dir):
    with open(Path(content_dir) / "languages.toml", "rb") as f:
        data = tomllib.load(f)
    return {code: Language(code=code, **fields) for code, fields in data.items()}


class Languages:
    """The languages declared in content/languages.toml, in the order declared."""

    def __init__(self, content_dir):
        self._by_code = _load(str(content_dir))

    def __iter__(self):
        return iter(self._by_code.values())

    def __contains__(self, code):
        return code in self._by_code

    def get(self, code):
        return self._by_code.get(code) or self._by_code[DEFAULT_LANGUAGE]

    @property
    def codes(self):
        return list(self._by_code)

    def best_match(self, accept_languages):
        """Pick from an Accept-Language header (werkzeug's LanguageAccept)."""
        return accept_languages.best_match(self.codes) or DEFAULT_LANGUAGE
