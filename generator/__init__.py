"""microlearn: build microlearning courses from YAML into a static site, handouts and exports."""

from __future__ import annotations

__version__ = "0.1.0"
