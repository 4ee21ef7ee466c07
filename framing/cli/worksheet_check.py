"""``python -m framing.cli.worksheet_check FILE.json ...``: the mechanical checks of worksheet JSON files
(framing/worksheet_check.py); prints the problems and exits 1 if any."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ..worksheet_check import check_files

    lines, bad = check_files(sys.argv[1:] if argv is None else argv)
    for line in lines:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
