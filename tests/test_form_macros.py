"""The form fields come from one set of macros (templates/macros/forms.html), which assemble each field's label,
hint, error message and aria-describedby: no other template may write aria-describedby by hand."""

from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import familyguide

PACKAGE = Path(familyguide.__file__).parent


def test_no_template_outside_a_macros_folder_writes_aria_describedby():
    templates = [path for path in PACKAGE.rglob("*.html") if "templates" in path.parts]
    assert len(templates) > 20
    by_hand = [
        str(path.relative_to(PACKAGE))
        for path in templates
        if "macros" not in path.parts and "aria-describedby" in path.read_text(encoding="utf-8")
    ]
    assert by_hand == []


def render(app, source, **values):
    with app.test_request_context("/en/"):
        template = app.jinja_env.from_string('{% import "macros/forms.html" as forms %}' + source)
        return BeautifulSoup(template.render(**values), "html.parser")


def test_a_text_input_with_an_error_is_described_by_its_hint_and_error_and_keeps_the_text(app):
    page = render(
        app,
        '{{ forms.text_input("code", "Your code", typed, hint="Letters and numbers", error="Enter your code") }}',
        typed="ABCD",
    )
    field = page.select_one("input#code")
    assert field["value"] == "ABCD"
    assert field["aria-describedby"] == "code-hint code-error"
    assert field["aria-invalid"] == "true"
    assert page.select_one("label[for=code]").get_text() == "Your code"
    assert page.select_one("#code-error").get_text(" ", strip=True) == "Error: Enter your code"
    assert page.select_one(".form-group.has-error")


def test_a_field_without_hint_or_error_is_described_by_nothing(app):
    page = render(app, '{{ forms.textarea("text", "Write the words", "hi") }}')
    field = page.select_one("textarea#text")
    assert field.get_text() == "hi"
    assert not field.has_attr("aria-describedby") and not field.has_attr("aria-invalid")
    assert not page.select_one(".has-error")


def test_radios_keep_the_choice_and_the_group_is_described_by_its_error(app):
    page = render(
        app,
        '{{ forms.radios("kind", "Which?", [("first", "First"), ("review", "Review")], value="review", '
        'error="Choose") }}',
    )
    assert page.select_one("fieldset")["aria-describedby"] == "kind-error"
    assert [radio["id"] for radio in page.select("input[type=radio][checked]")] == ["kind-review"]
    assert page.select_one("label[for=kind-first]").get_text() == "First"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the app only renders here
@given(st.text())
def test_whatever_was_typed_comes_back_exactly_and_escaped(app, typed):
    page = render(
        app,
        '{{ forms.text_input("child", "Name", typed, error="Too long") }}{{ forms.textarea("t", "T", typed) }}',
        typed=typed,
    )
    assert page.select_one("input#child")["value"] == typed
    assert page.select_one("textarea#t").get_text() == typed


def test_a_button_with_a_hint_names_the_hint_for_screen_readers(app):
    page = render(app, '{{ forms.button_with_hint("Use these", "choice", "keep", "Your answers stay.") }}')
    button = page.select_one("button")
    assert (button["type"], button["name"], button["value"]) == ("submit", "choice", "keep")
    assert page.select_one(f"#{button['aria-describedby']}").get_text() == "Your answers stay."
