"""Ask a question: a parent's question answered with passages of the council's own guide (see answers.py)."""

from .views import bp, init_app

__all__ = ["bp", "init_app"]
