"""framing: measure loaded language and framing in news.

The pipeline: Corpus -> Hits -> tables -> figures -> report. See framing/types.py for the tables.
"""
__version__ = "0.1.0"
