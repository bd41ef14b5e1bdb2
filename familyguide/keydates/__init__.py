"""Key dates: the latest dates the rules allow around a conference, and a calendar file."""

from .views import bp

__all__ = ["bp"]
