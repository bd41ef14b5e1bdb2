"""The child's Three Houses: worries, good things and dreams, beside a social worker, with a PDF."""

from . import change_views, child_views, errors, feel_safe_views, worker_views  # noqa: F401 - routes register on import
from .blueprint import bp

__all__ = ["bp"]
