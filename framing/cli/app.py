"""`framing app`: the local web page (framing/app/)."""
from __future__ import annotations

from . import common

DESCRIPTION = (
    "A local web app in your browser: drop files (text dumps, CSV, JSON Lines, saved pages,\n"
    "feeds, PDF, Word), check and fix how they were split, choose outlets and lexicons, see\n"
    "the charts, and download the PDF report, worksheets, HTML view and tables. It listens\n"
    "on this computer only and needs the token in the address it prints. Ctrl-C stops it\n"
    "and removes the uploaded files.\n\n"
    "examples:\n"
    "  framing app\n"
    "  framing app --no-browser --port 8800\n")


def add(sub) -> None:
    p = common.add_parser(sub, "app", "open a web page to drop articles on and get the report and worksheets",
                          DESCRIPTION)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=int, default=0, help="port (default: the first free one from 8765)")
    p.add_argument("--token", help="the access token (default: a new random one each time)")
    p.add_argument("--no-browser", action="store_true", help="do not open the browser")
    p.add_argument("--max-upload-mb", type=float, default=200.0, metavar="MB",
                   help="largest upload accepted at once (default: 200)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..app.server import AppOptions, run_app

    return run_app(AppOptions(host=args.host, port=args.port, token=args.token, open_browser=not args.no_browser,
                              max_upload_mb=args.max_upload_mb))
