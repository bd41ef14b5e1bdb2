"""The child's Three Houses: worries, good things and dreams, beside a social worker, with a PDF."""

from . import (  # noqa: F401 - routes register on import
    change_views,
    child_views,
    errors,
    feel_safe_views,
    worker_panel_views,
    worker_views,
)
from .blueprint import bp

__all__ = ["bp"]
