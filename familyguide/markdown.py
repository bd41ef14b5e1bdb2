"""The restricted Markdown renderer for council content.

Raw HTML is escaped, headings start at h2 (the page's one h1 comes from its header), links of the form
``glossary:term-id`` point at the glossary entry, and a heading may end in ``{#id}`` to give it a
stable anchor that is the same in every language.
"""

import re

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

GLOSSARY_SCHEME = "glossary:"
_ANCHOR = re.compile(r"\s*\{#([a-z0-9-]+)\}\s*$")
# A run of Latin letters and digits (with spaces inside): an English term or a phone number; with the marks
# that join the parts of a name inside it (a cookie's name, an e-mail address, a web address: staff_pre,
# dpo@example.org.uk), so it is one isolate, not parts that a right-to-left line would put in reverse order.
# A path's leading slash (/staff) belongs to it when it starts a word; the one in "</b>" does not.
_LTR_RUN = re.compile(r"(?:(?<![^\s(])/)?(?:[A-Za-z0-9][A-Za-z0-9'’ _.@/:+-]*[A-Za-z0-9]|[A-Za-z0-9])")


def _anchors_rule(state):
    """Turn a trailing ``{#id}`` on a heading into its id attribute."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[i + 1]
        match = _ANCHOR.search(inline.content)
        if not match:
            continue
        token.attrSet("id", match.group(1))
        inline.content = inline.content[: match.start()]
        last = inline.children[-1] if inline.children else None
        if last is not None and last.type == "text":
            last.content = _ANCHOR.sub("", last.content)


def _shift_headings_rule(state):
    """Content may not make an h1: the template owns the page's only h1."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def _section_ids_rule(state):
    """Give each section heading (h2) without a ``{#id}`` the anchor ``section-<n>``, n its place among the
    page's sections, so the "On this page" list can link to it in every language."""
    sections = 0
    for token in state.tokens:
        if token.type == "heading_open" and token.tag == "h2":
            sections += 1
            if not token.attrGet("id"):
                token.attrSet("id", f"section-{sections}")


def _link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    href = token.attrGet("href") or ""
    if href.startswith(GLOSSARY_SCHEME):
        term = href.removeprefix(GLOSSARY_SCHEME)
        token.attrSet("href", env["glossary_url"](term))
        token.attrSet("class", "term")
    return self.renderToken(tokens, idx, options, env)


def _text(self, tokens, idx, options, env):
    """In right-to-left pages, isolate left-to-right runs so phone numbers and English terms stay readable (and
    English terms are read as English)."""
    return _escaped(tokens[idx].content, env.get("isolate_ltr"))


def _escaped(text, isolate_ltr):
    if not isolate_ltr:
        return str(escape(text))
    pieces, end = [], 0
    for run in _LTR_RUN.finditer(text):  # find runs in the raw text: escaping first would split "&#34;"
        # A run with letters is an English term (a screen reader then reads it with an English voice); digits
        # alone (a phone number) are read in the page's own language.
        lang = ' lang="en"' if any(c.isalpha() for c in run.group(0)) else ""
        pieces += [str(escape(text[end : run.start()])), f'<bdi dir="ltr"{lang}>{escape(run.group(0))}</bdi>']
        end = run.end()
    return "".join([*pieces, str(escape(text[end:]))])


def _build():
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.core.ruler.push("heading_anchors", _anchors_rule)
    md.core.ruler.push("shift_headings", _shift_headings_rule)
    md.core.ruler.push("section_ids", _section_ids_rule)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("text", _text)
    return md


_MD = _build()


def render(source, glossary_url, isolate_ltr=False):
    """Render council Markdown to safe HTML. ``glossary_url(term_id)`` builds a glossary link;
    ``isolate_ltr`` wraps left-to-right runs in ``<bdi>`` for right-to-left pages."""
    return _MD.render(source, {"glossary_url": glossary_url, "isolate_ltr": isolate_ltr})


def glossary_links(source):
    """The term ids a page links to with ``glossary:`` links."""
    return _linked_terms(_MD.parse(source))


def heading_anchors(source):
    """The ``{#id}`` anchors a page defines, in order."""
    return [t.attrGet("id") for t in _MD.parse(source) if t.type == "heading_open" and t.attrGet("id")]


def sections(source, isolate_ltr=False):
    """The page's sections (its h2 headings) in order, as (anchor, heading text as safe HTML: escaped, without
    markup, left-to-right runs isolated as in the page when ``isolate_ltr``)."""
    tokens = _MD.parse(source)
    # Safe as Markup (bandit B704): _escaped escapes the text and adds only <bdi dir="ltr" lang="en">.
    return [
        (token.attrGet("id"), Markup(_escaped(_plain(tokens[i + 1]), isolate_ltr)))  # nosec
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]


def _plain(inline):
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline")).strip()


def plain_text_blocks(source):
    """The text of each block (paragraph, heading, list item) with the markup stripped."""
    blocks = []
    for token in _MD.parse(source):
        if token.type == "inline":
            text = _plain(token)
            if text:
                blocks.append(text)
    return blocks


def _linked_terms(tokens):
    terms = []
    for token in tokens:
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if href and href.startswith(GLOSSARY_SCHEME):
                terms.append(href.removeprefix(GLOSSARY_SCHEME))
    return terms


def section_texts(source):
    """The page's text cut at its headings, for the question box: a list of (h2 anchor, h2 heading, h3 heading
    or "", the text blocks under that heading). Text before the first h2 has the anchor and heading ""."""
    pieces = [["", "", "", []]]
    tokens = _MD.parse(source)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            pieces.append([token.attrGet("id"), _plain(tokens[i + 1]), "", []])
        elif token.type == "heading_open" and token.tag != "h2":
            anchor, heading = pieces[-1][0], pieces[-1][1]
            pieces.append([anchor, heading, _plain(tokens[i + 1]), []])
        elif token.type == "inline" and tokens[i - 1].type != "heading_open":
            text = _spoken(token)
            if text:
                pieces[-1][3].append(text)
    return [tuple(piece) for piece in pieces if piece[3] or piece[2]]


def _spoken(inline):
    """The inline's text, line breaks as spaces."""
    parts = (" " if c.type in ("softbreak", "hardbreak") else c.content for c in inline.children or [])
    return "".join(p for p in parts).strip()
