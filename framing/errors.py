"""Every error a user can see, in one place.

A :class:`FramingError` carries a message of the form ``where: what is wrong: what to do``. The CLI
prints it as one line on stderr and exits with :attr:`FramingError.exit_code`; it never shows a
traceback for these.
"""
from __future__ import annotations


class FramingError(Exception):
    """Base class for errors caused by the user's input or options."""

    exit_code = 2


class InputError(FramingError):
    """An input file or record cannot be read as asked."""


class LexiconError(FramingError):
    """A lexicon file does not follow lexicons/SCHEMA.md."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = problems[:20]
        more = f"\n... and {len(problems) - 20} more problem(s)" if len(problems) > 20 else ""
        super().__init__("\n".join(shown) + more)


class LanguageError(FramingError):
    """A language folder (framing/languages/<code>/) does not follow framing/languages/README.md."""


class OptionError(FramingError):
    """A command-line option or its value is not usable."""


class OutputError(FramingError):
    """An output file or folder cannot be written."""


class ModelError(FramingError):
    """A model file cannot be loaded safely or does not fit."""
