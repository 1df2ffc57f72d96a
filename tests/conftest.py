"""Shared fixtures: the real spaCy pipeline, loaded once, and the seed page on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_PAGE = SEEDS / "000_546d26bc95d3785b.txt"


@pytest.fixture(scope="session")
def nlp():
    """The Dossier pipeline (real model plus our components), built once per test session."""
    from lib.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_PAGE
