"""The shipped lexicons: data files (TSV) and their documentation. Not code; see SCHEMA.md."""
