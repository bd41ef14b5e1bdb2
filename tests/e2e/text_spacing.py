"""WCAG 2.2 success criterion 1.4.12, Text Spacing (AA), which axe cannot check: with a reader's own spacing
(line height 1.5 times the font size, 2 times after paragraphs, letters 0.12 and words 0.16 times apart), no
content or function is lost. A page fails it when a box of a fixed size cuts its text off or lets it spill
over what comes next, or when the page starts to scroll sideways.

The spacing is put on the page shown, as the W3C's own test does (a style sheet with !important), checked, and
taken off again: the page is left as it was."""

# Arabic script is joined up: it has no spacing between letters, and WCAG asks only for the properties a script
# uses (Understanding 1.4.12); spaced out, its letters would come apart. Urdu is written in it too.
SPACING_CSS = (
    "* { word-spacing: 0.16em !important; }"
    " *:not(:lang(ar)):not(:lang(ur)) { letter-spacing: 0.12em !important; }"
    " p { margin-bottom: 2em !important; }"
)

_CHECK = """
async (css) => {
  // Measured in the page's own fonts, never in a fallback face that a web font still on its way replaces.
  await document.fonts.ready;
  // A style sheet made in script (the page's CSP refuses a <style> element), and line heights of at least 1.5
  // set on each element: a page's own larger line height stays, as it would for a reader who asks for 1.5.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const elements = [...document.body.querySelectorAll("*")];
  const lineHeights = elements.map((el) => {
    const seen = getComputedStyle(el);
    const own = seen.lineHeight === "normal" ? 1.2 : parseFloat(seen.lineHeight) / parseFloat(seen.fontSize);
    return [el, el.hasAttribute("style") ? el.style.cssText : null, own];
  });
  for (const [el, , own] of lineHeights) el.style.setProperty("line-height", String(Math.max(1.5, own)), "important");
  // How much taller a box would be if its height were free: more than nothing when a set height holds it.
  const heldBack = (el) => {
    const before = el.clientHeight;
    const height = el.style.cssText;
    el.style.setProperty("height", "auto", "important");
    el.style.setProperty("max-height", "none", "important");
    const grown = el.clientHeight - before;
    el.style.cssText = height;
    return grown;
  };
  try {
    const problems = [];
    const root = document.documentElement;
    const sideways = root.scrollWidth - root.clientWidth;
    if (sideways > 0) problems.push(`${sideways}px sideways scroll`);
    const skipped = new Set(["INPUT", "TEXTAREA", "SELECT", "OPTION", "SCRIPT", "STYLE", "svg", "CANVAS", "IMG"]);
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.classList.length ? "." + [...el.classList].join(".") : "");
    for (const el of elements) {
      if (skipped.has(el.tagName) || !el.textContent.trim()) continue;
      if (el.closest("[hidden], dialog:not([open]), template")) continue;
      const seen = getComputedStyle(el);
      if (seen.display === "none" || seen.display === "contents" || seen.visibility === "hidden") continue;
      // Text for screen readers only sits in a 1 px box that clips it, on purpose.
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
      const overX = el.scrollWidth - el.clientWidth, overY = el.scrollHeight - el.clientHeight;
      const clips = (overflow) => overflow === "hidden" || overflow === "clip";
      if ((clips(seen.overflowX) && overX > 1) || (clips(seen.overflowY) && overY > 1)) {
        problems.push(`${name(el)} cuts off its text (${Math.max(overX, overY)}px)`);
      } else if (seen.overflowY === "visible" && overY > 1 && heldBack(el) > 1) {
        problems.push(`${name(el)}'s text spills ${overY}px out of a box of a set height`);
      }
    }
    return problems;
  } finally {
    for (const [el, style] of lineHeights) {
      if (style === null) {
        el.getAttribute("style");  // Chromium writes the attribute lazily: read, it is there to be removed
        el.removeAttribute("style");
      } else {
        el.style.cssText = style;
      }
    }
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((kept) => kept !== sheet);
  }
}
"""


def text_spacing_problems(page):
    """What goes wrong with the page now shown when a reader sets WCAG 1.4.12's text spacing: a sentence each
    (an empty list when nothing does)."""
    return page.evaluate(_CHECK, SPACING_CSS)
