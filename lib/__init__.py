"""Dossier: who did what to whom, when and how much, from news articles, every fact traceable."""

__version__ = "0.1.0"
