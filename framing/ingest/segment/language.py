"""The segmenter's language guess is the one guesser's (framing/langguess.py): ``detect_lang`` for
an article, ``line_script`` for a line's opening (a change of script can start an article)."""
from __future__ import annotations

from ...langguess import detect_lang, line_script

__all__ = ["detect_lang", "line_script"]
