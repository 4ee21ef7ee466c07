"""A dump's lines, classified, with the article starts and regions read from them."""
from __future__ import annotations

from .lines import ClassifiedLines
from .regions import RegionReader
from .starts import StartFinder


class DumpLines(StartFinder, RegionReader, ClassifiedLines):
    """A text split into lines, each classified once. Regions of it become segments."""
