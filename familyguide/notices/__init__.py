"""The notices a council must publish: the privacy notice (and a child's version), the accessibility
statement and the cookies page."""

from .views import bp

__all__ = ["bp"]
