"""``python -m framing.cli`` (as ``python -m framing``)."""
import sys

from . import main

sys.exit(main())
