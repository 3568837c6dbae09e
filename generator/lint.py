"""Pedagogical lint: warnings about quiz and lesson quality (placeholder rules set)."""

from __future__ import annotations

from generator.errors import Problem
from generator.loader import Source
from generator.models import Curriculum


def run(cur: Curriculum, source: Source) -> list[Problem]:
    """Every lint warning for the course."""
    return []
