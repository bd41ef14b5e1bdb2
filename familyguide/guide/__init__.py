"""The parents' guide: the contents page and each guide page."""

from .views import bp

__all__ = ["bp"]
