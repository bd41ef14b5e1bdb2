"""Get ready for the conference: a guided chat, save and come back, and the parent's views as a PDF."""

from .views import bp

__all__ = ["bp"]
