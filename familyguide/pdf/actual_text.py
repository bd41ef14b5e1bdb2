"""The right text behind shaped glyphs, for screen readers, search and copy: /ActualText spans.

Why: a PDF maps each glyph to text through one ToUnicode table per font, so one glyph can stand for one
text only. Shaped scripts break that. Noto Sans Arabic draws ف as a dotless base plus a dot it shares
with خ and ن; Bengali ো is two signs drawn around its consonant. WeasyPrint keeps the text a glyph had
where it was first drawn, so "في" read back as "خی" and "ভালো" as "ভালা".

What: the standard remedy (ISO 32000-1, 14.9.4, as cairo and Skia do it): each grapheme whose glyphs do
not spell it is drawn inside a ``/Span <</ActualText (...)>> BDC ... EMC`` sequence carrying its text.
Zero-width marks at either end of a grapheme get their own empty span, so the text sits exactly over
the glyphs that advance and readers keep words whole. Glyphs drawn through here map to the font's own
character where it has one.

Readers compare a span's ends with its glyphs: MuPDF (PyMuPDF) matches the first and last glyphs against
the span's text and gives out the rest around them, miscounting when they match. A reph (the র্ of মার্চ)
is drawn after its consonant, so its span ended on চ, which spells the end of "র্চ", and the র্ was lost.
So each such grapheme's glyphs are laid out in spans that this reading gives back exactly (``_read_right``,
with ``read_by_mupdf`` as the model of it). Right-to-left runs are drawn left to right and read back
reversed: there, a letter's marks may come back in another order around it (the letters do not).

How: WeasyPrint's ``draw_first_line`` is wrapped. Before a line is drawn, Pango's glyph clusters are read
and planned; while WeasyPrint writes the glyphs (``stream.show_text``), the spans are put around them.
If what WeasyPrint writes ever differs from what Pango laid out, the rest of the line passes unchanged.
If the layer fails in any other way, ``took_part`` tells so from the error, and the document is drawn
again ``without_the_layer`` (see pdf/__init__.py): a PDF is never lost to this nicety.
"""

import codecs
import contextlib
import contextvars
import functools
import io
import re
import traceback
import unicodedata
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from weasyprint.draw import text as weasyprint_text
from weasyprint.text.ffi import ffi, pango

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TOKEN = re.compile(rf"<([0-9a-fA-F]*)>|({_NUMBER})")
_TOKENS = re.compile(rf"(?:<[0-9a-fA-F]*>|{_NUMBER})*")
_JOINERS = ("\u200c", "\u200d")
_VIRAMA = 9  # the canonical combining class of viramas (halants)
_SWITCHED_OFF = contextvars.ContextVar("familyguide_actual_text_off", default=False)


@dataclass(frozen=True)
class Glyph:
    """A glyph as Pango laid it out: its id (None if the font lacks it), cluster start (bytes), advance."""

    gid: int | None
    cluster: int
    advance: int
    stand_in: str = ""  # for a character no font has (gid None): the text WeasyPrint gives its stand-in glyph


@dataclass(frozen=True)
class Planned:
    """A glyph to draw, with the span it belongs to (None: no span) and that span's actual text."""

    gid: int | None
    span: tuple | None = None
    text: str = ""


def _with_ends(starts, total):
    """Each sorted cluster start with where its cluster ends (the next start, or ``total`` for the last)."""
    return list(zip(starts, [*starts[1:], total], strict=False))


def _joins_previous(previous_text, text):
    first = text[0]
    if unicodedata.category(first) in ("Mn", "Mc", "Me") or first in _JOINERS:
        return True
    last = previous_text[-1]
    return unicodedata.combining(last) == _VIRAMA or last in _JOINERS


def graphemes(text_bytes, starts):
    """Merge Pango's cluster starts into graphemes: {cluster start: (grapheme start, grapheme text)}.

    Pango gives a combining vowel sign its own cluster even when HarfBuzz draws it around the consonant;
    a reader needs the consonant and its signs (and a virama's conjunct) as one piece of text.
    """
    starts = sorted(set(starts))
    pieces = [(start, text_bytes[start:end].decode("utf-8")) for start, end in _with_ends(starts, len(text_bytes))]
    merged = []
    for start, text in pieces:
        if merged and text and merged[-1][1] and _joins_previous(merged[-1][1], text):
            merged[-1][1] += text
            merged[-1][2].append(start)
        else:
            merged.append([start, text, [start]])
    return {member: (start, text) for start, text, members in merged for member in members}


def _span_keys(members, glyphs, unit_key, length):
    """Zero-width glyphs before the first or after the last advancing glyph get their own empty span."""
    advancing = [k for k in members if glyphs[k].advance]
    if not advancing:
        return {k: (unit_key, True) for k in members}
    first, last = members.index(advancing[0]), members.index(advancing[-1])
    first = max(first, last - length + 1)
    return {k: ((unit_key, True) if first <= i <= last else (unit_key, k, False)) for i, k in enumerate(members)}


def _spelling(glyph, to_unicode):
    return to_unicode.get(glyph.gid, "") if glyph.gid is not None else glyph.stand_in


def read_by_mupdf(spelled, text):
    """The text MuPDF (PyMuPDF) reads from one span whose glyphs spell ``spelled`` (one string a glyph),
    or None when it breaks the word.

    It matches the glyphs at the start and at the end of the span against its /ActualText and sends the
    rest of the text around them, but miscounts (its stext-device.c): a matching end loses the text in
    front when nothing came before it, or sends it twice; after a matching start, glyphs get no text.
    """
    items = [ch for glyph in spelled for ch in (glyph or "\ufffd")]
    if not text:
        return ""
    start = 0
    while start < len(items) and start < len(text) and items[start] == text[start]:
        start += 1
    read, rest = text[:start], text[start:]
    if start == len(items):
        return read + rest
    end, left = len(items), len(rest)
    while end > start and left and items[end - 1] == rest[left - 1]:
        end, left = end - 1, left - 1
    consumed = max(0, min(left, end) - start)
    if consumed < end - start:
        return None  # glyphs sent without text: the reader's position jumps, and it breaks the word there
    middle, rest = rest[:consumed], rest[consumed:]
    if end == len(items):
        return read + middle + rest
    if start == 0 and end == 0:
        return "".join(items)  # nothing was sent before the match: the rest of the text is lost
    return read + middle + rest + "".join(items[end:])


def _reads(members, keys, glyphs, to_unicode, text):
    """What MuPDF reads from a grapheme's glyphs laid out in ``keys`` with the main span's ``text``."""
    read, span = [], []
    for k in [*members, None]:
        key = keys.get(k)
        if key is not None and key[-1]:
            span.append(_spelling(glyphs[k], to_unicode))
            continue
        if span:
            read.append(read_by_mupdf(span, text))
            span = []
        if k is not None and key is None:
            read.append(_spelling(glyphs[k], to_unicode))
    return None if None in read else "".join(read)


def _layout(members, main, left_out, glyphs, span_key, strip=True):
    """The span over ``main`` (less the zero-width glyphs at its ends if ``strip``); the glyphs ``left_out``
    without a span (they read as themselves); every other glyph of the grapheme in an empty span of its own."""
    while strip and len(main) > 1 and not glyphs[main[-1]].advance:
        main = main[:-1]
    while strip and len(main) > 1 and not glyphs[main[0]].advance:
        main = main[1:]
    keys = {k: (*span_key[:-1], k, False) for k in members if k not in left_out}
    keys.update((k, span_key) for k in main)
    return keys


def _read_right(members, keys, glyphs, to_unicode, text):
    """The span layout of a grapheme that MuPDF reads as ``text``: the first that does of those tried.

    First as planned (the text over the glyphs that advance, zero-width glyphs at either end in empty
    spans); else with the zero-width glyphs after the span in it (a reph, drawn after its consonant, would
    end the span on the consonant's glyph, which spells the end of the text: মার্চ read as মাচ); else with
    every glyph of the grapheme in the span (a mark that begins a run, before a character no font has); else with
    the glyphs at the span's ends that spell the ends of its text left out, one by one, to read as
    themselves (zero-width glyphs left at the span's ends in empty spans if that reads right, as a reader
    may take one at the end of a span for a space before the next letter; else in the span); else with the
    span over the first of the glyphs left and the others in empty spans (a letter the font draws as two
    glyphs, each of which spells it: the ম of ল্ম্ক read back twice).
    """
    main = [k for k in members if keys[k][-1]]
    if not main:
        return keys, text
    span_key = keys[main[0]]
    main += members[members.index(main[-1]) + 1 :]
    tried = [(keys, text), ({**keys, **{k: span_key for k in main}}, text), ({k: span_key for k in members}, text)]
    left_out, shorter = set(), text
    while len(main) > 1:
        first, last = (_spelling(glyphs[main[i]], to_unicode) for i in (0, -1))
        if last and len(last) < len(shorter) and shorter.endswith(last):
            shorter = shorter[: -len(last)]
            left_out.add(main.pop())
        elif first and len(first) < len(shorter) and shorter.startswith(first):
            shorter = shorter[len(first) :]
            left_out.add(main.pop(0))
        else:
            break
        tried.append((_layout(members, main, left_out, glyphs, span_key), shorter))
        tried.append((_layout(members, main, left_out, glyphs, span_key, strip=False), shorter))
    if len(main) > 1:
        tried.append((_layout(members, main[:1], left_out, glyphs, span_key), shorter))
    wanted = unicodedata.normalize("NFD", text)
    for layout, span_text in tried:
        read = _reads(members, layout, glyphs, to_unicode, span_text)
        if read is not None and unicodedata.normalize("NFD", read) == wanted:
            return layout, span_text
    return keys, text


def _cluster_texts(glyphs, text_bytes):
    """Each glyph's cluster text, and whether the glyph is alone in its cluster."""
    sizes = {}
    for glyph in glyphs:
        sizes[glyph.cluster] = sizes.get(glyph.cluster, 0) + 1
    ends = dict(_with_ends(sorted(sizes), len(text_bytes)))
    return [(text_bytes[g.cluster : ends[g.cluster]].decode("utf-8"), sizes[g.cluster] == 1) for g in glyphs]


def _learn_glyphs(glyphs, text_bytes, to_unicode, nominal, rtl=False):
    """Give glyphs seen for the first time their text; True when every glyph simply spells its cluster.

    A glyph alone in its cluster stands for the cluster's text. One of several (a dotless base, a dot, a
    vowel sign drawn before its consonant) takes the character the font draws with it, else the first
    character of its cluster: never nothing, as some readers then invent a character. A joiner that ends a
    cluster is left out: the same glyph is drawn again where no joiner is.
    """
    simple = True
    guessed = {}  # glyphs that took their cluster's first character: cluster start -> their ids, as drawn
    texts = _cluster_texts(glyphs, text_bytes)
    for glyph, (text, alone) in zip(glyphs, texts, strict=True):
        if glyph.gid is None:
            simple = False  # see _spelled_right
            continue
        text = text.rstrip("".join(_JOINERS)) or text
        if glyph.gid not in to_unicode:
            if not alone and glyph.gid not in nominal:
                guessed.setdefault(glyph.cluster, []).append(glyph.gid)
            to_unicode[glyph.gid] = text if alone else nominal.get(glyph.gid, text[:1])
        simple = simple and alone and to_unicode[glyph.gid] == text
    if guessed and not rtl:
        _spell_marks(glyphs, texts, to_unicode, guessed)
    return simple


def _spell_marks(glyphs, texts, to_unicode, guessed):
    """A glyph of a left-to-right cluster that took the cluster's first character takes instead the character
    the cluster's other glyphs leave over, when the glyphs then spell the cluster (no span needed). HarfBuzz
    draws "A" + grave + ogonek as the glyph of Ą and a grave of its own: that glyph is the grave, not "A"
    (which read back with the ogonek twice)."""
    clusters = {}
    for glyph, (text, _) in zip(glyphs, texts, strict=True):
        clusters.setdefault(glyph.cluster, (text, []))[1].append(glyph.gid)
    for start, gids in guessed.items():
        text, members = clusters[start]
        trial = dict(to_unicode)
        for gid in gids:
            trial[gid] = _first_unspelled(text, [trial.get(other, "") for other in members if other != gid])
        spelled = "".join(trial.get(gid, "") for gid in members)
        if _without_joiners(spelled) == _without_joiners(text):
            to_unicode.update((gid, trial[gid]) for gid in gids)


def _first_unspelled(text, spelled):
    """The first character of ``text`` (decomposed) that the texts ``spelled`` leave over, else its first."""
    left = list(unicodedata.normalize("NFD", text))
    for ch in unicodedata.normalize("NFD", "".join(spelled)):
        if ch in left:
            left.remove(ch)
    return left[0] if left else text[:1]


def _spelled_right(indexes, glyphs, to_unicode, text, rtl):
    gids = [glyphs[k].gid for k in indexes]
    if None in gids:
        # A character no font has (an emoji, a rare script): WeasyPrint draws a stand-in glyph whose text
        # it gets wrong for characters beyond U+FFFF and for emoji sequences, so the span carries the text.
        return False
    if rtl and len(gids) > 1:
        # Readers put a right-to-left run in logical order only when the whole line runs right to left: a
        # letter drawn as a base and a mark (إ) inside a left-to-right line would read back mark first.
        return False
    spelled = "".join(to_unicode[gid] for gid in (reversed(gids) if rtl else gids))
    return _without_joiners(spelled) == _without_joiners(text)


def _without_joiners(text):
    """``text`` decomposed, without zero-width joiners and non-joiners. A joiner only steers shaping and shows
    nothing, and a glyph's text leaves out one that ended its first cluster (_learn_glyphs): a Gujarati half
    form drawn for ક્ + ZWJ is drawn again for ક્ alone. Its glyphs still spell the text; a span there made
    MuPDF give the next letter twice (ક્‍ક્ખ read as ક્‍ક્ખખ)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if ch not in _JOINERS)


def plan_run(glyphs, text_bytes, to_unicode, nominal, rtl=False, run_key=0):
    """Plan one run of glyphs (in drawing order, left to right) of the UTF-8 ``text_bytes``.

    ``to_unicode`` is the font's glyph -> text table (glyphs seen for the first time are added to it);
    ``nominal`` maps a glyph to the character the font's cmap draws with it. A grapheme whose glyphs'
    texts do not spell it gets a span with its text.
    """
    if not glyphs:
        return []  # a run of format characters only (U+200F, U+2069, ...): Pango draws nothing for them
    if _learn_glyphs(glyphs, text_bytes, to_unicode, nominal, rtl):
        return [Planned(g.gid) for g in glyphs]  # the common case: one glyph for each character or ligature
    units = graphemes(text_bytes, [g.cluster for g in glyphs])
    members = {}
    for k, glyph in enumerate(glyphs):
        members.setdefault(units[glyph.cluster][0], []).append(k)
    spans = {}
    for start, indexes in members.items():
        text = units[start][1]
        if _spelled_right(indexes, glyphs, to_unicode, text, rtl):
            continue
        keys = _span_keys(indexes, glyphs, (run_key, start), len(text))
        if not rtl:
            keys, text = _read_right(indexes, keys, glyphs, to_unicode, text)
        for k, key in keys.items():
            spans[k] = (key, text if key[-1] else "")
    return [Planned(g.gid, *spans.get(k, (None, ""))) for k, g in enumerate(glyphs)]


def utf16_hex(text):
    return b"<" + (codecs.BOM_UTF16_BE + text.encode("utf-16-be")).hex().upper().encode("ascii") + b">"


class SpanWriter:
    """Stands in for ``stream.show_text`` while a line is drawn, putting the planned spans in."""

    def __init__(self, stream, planned):
        self.stream = stream
        self.show = stream.show_text
        self.planned = planned
        self.position = 0
        self.open_span = None
        self.failed = False

    def show_text(self, string):
        if self.failed or not _TOKENS.fullmatch(string):
            self._give_up(string)
            return
        pending = []
        for match in _TOKEN.finditer(string):
            hexes, number = match.groups()
            if number is not None:
                pending.append(number)
                continue
            for k in range(0, len(hexes), 4):
                if not self._next_glyph(hexes[k : k + 4], pending):
                    self._give_up(" ".join([*pending, f"<{hexes[k:]}>", string[match.end() :]]))
                    return
        self._flush(pending)

    def _next_glyph(self, code, pending):
        if self.position >= len(self.planned):
            return False
        planned = self.planned[self.position]
        if planned.gid is not None and planned.gid != int(code, 16):
            return False
        self.position += 1
        if planned.span != self.open_span:
            self._flush(pending)
            self.close()
            if planned.span is not None:
                self.stream.stream.append(b"/Span <</ActualText " + utf16_hex(planned.text) + b">> BDC")
                self.open_span = planned.span
        pending.append(f"<{code}>")
        return True

    def _flush(self, pending):
        if pending:
            self.show(" ".join(pending))
            pending.clear()

    def _give_up(self, rest):
        self.close()
        self.failed = True
        if rest:
            self.show(rest)

    def close(self):
        if self.open_span is not None:
            self.stream.stream.append(b"EMC")
            self.open_span = None


_NOMINAL = {}


def nominal_glyphs(font):
    """Glyph id -> the character the font's cmap draws with it (the lowest, if several), cached per font."""
    key = (font.hash, len(font.file_content))
    if key not in _NOMINAL:
        ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        reverse = {}
        for codepoint, name in sorted(ttfont.getBestCmap().items()):
            reverse.setdefault(ttfont.getGlyphID(name), chr(codepoint))
        _NOMINAL[key] = reverse
    return _NOMINAL[key]


def _runs(line):
    run = line.runs
    while run != ffi.NULL:
        yield run.data
        run = run.next


def _pango_glyphs(glyph_item):
    glyphs = glyph_item.glyphs
    found = []
    for i in range(glyphs.num_glyphs):
        info = glyphs.glyphs[i]
        if info.glyph == pango.PANGO_GLYPH_EMPTY:
            continue  # WeasyPrint writes only a shift for these
        if info.glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
            # WeasyPrint's stand-in glyph reads as the character when it is in the Basic Multilingual Plane.
            character = info.glyph & ~pango.PANGO_GLYPH_UNKNOWN_FLAG
            stand_in = chr(character) if character < 0x10000 else ""
            found.append(Glyph(None, glyphs.log_clusters[i], info.geometry.width, stand_in))
        else:
            found.append(Glyph(info.glyph, glyphs.log_clusters[i], info.geometry.width))
    return found


def plan_line(stream, textbox):
    """The planned glyphs of the textbox's first line, or None when a font is a bitmap font."""
    line, _ = textbox.pango_layout.get_first_line()
    text_bytes = textbox.pango_layout.text.encode("utf-8")
    planned = []
    for run_key, glyph_item in enumerate(_runs(line)):
        font, _ = stream.add_font(glyph_item.item.analysis.font)
        if font.bitmap:
            return None
        item = glyph_item.item
        run_text = text_bytes[item.offset : item.offset + item.length]
        rtl = bool(item.analysis.level % 2)
        planned += plan_run(_pango_glyphs(glyph_item), run_text, font.to_unicode, nominal_glyphs(font), rtl, run_key)
    return planned


def _with_actual_text(draw_first_line):
    @functools.wraps(draw_first_line)
    def draw(stream, textbox, text_overflow, block_ellipsis, matrix):
        # An ellipsis changes the line while it is drawn; those lines (which we never use) keep WeasyPrint's text.
        # Plain ASCII lines draw one nominal glyph per character or ligature, which WeasyPrint maps right.
        if _SWITCHED_OFF.get() or text_overflow == "ellipsis" or block_ellipsis != "none" or textbox.text.isascii():
            return draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        planned = plan_line(stream, textbox)
        if planned is None or all(p.span is None for p in planned):
            return draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        writer = SpanWriter(stream, planned)
        stream.show_text = writer.show_text
        try:
            return draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            writer.close()
            del stream.show_text

    draw.familyguide_actual_text = True
    return draw


def took_part(error):
    """True when this module's code is in the traceback of ``error``."""
    return any(frame.f_code.co_filename == __file__ for frame, _ in traceback.walk_tb(error.__traceback__))


@contextlib.contextmanager
def without_the_layer():
    """Draw lines exactly as WeasyPrint does (in this thread or task only) while the block runs."""
    token = _SWITCHED_OFF.set(True)
    try:
        yield
    finally:
        _SWITCHED_OFF.reset(token)


def install():
    """Wrap WeasyPrint's line drawing (once per process)."""
    if not getattr(weasyprint_text.draw_first_line, "familyguide_actual_text", False):
        weasyprint_text.draw_first_line = _with_actual_text(weasyprint_text.draw_first_line)
