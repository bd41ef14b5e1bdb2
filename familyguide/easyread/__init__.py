"""The Easy Read guide: short lines with a picture beside each idea, and a printable PDF of it all."""

from .views import bp

__all__ = ["bp"]
