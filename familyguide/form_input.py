"""The one shape every form is read into: the values exactly as typed (a subclass's fields) and ``errors``,
{field name: message in the user's language}. A view that finds errors draws the same page again from this
object with the status ``BAD_INPUT``; the form macros (templates/macros/forms.html) put what was typed back
in each field and the messages beside them, so bad input never loses the user's text."""

from dataclasses import dataclass, field

BAD_INPUT = 400


@dataclass
class FormInput:
    errors: dict = field(default_factory=dict, kw_only=True)

    @property
    def http_status(self) -> int:
        """The status of the page that shows this form again: 200, or ``BAD_INPUT`` when it has errors."""
        return BAD_INPUT if self.errors else 200
