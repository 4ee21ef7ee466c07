"""framing app: a local web page over the library (see framing/app/server.py)."""
