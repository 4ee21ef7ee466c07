"""Text files -> records: a pasted dump is segmented into articles (see the segment package).

Filler segments (related links, video captions, boilerplate) are recorded in the manifest as
``filler`` and kept out of the analysis; reposts found within the file are recorded as
``duplicate`` of the article they repeat unless ``keep_duplicates`` is set.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, OptionError
from ..manifest import Manifest
from .encoding import DecodedText, damage_note


def dump_segments(decoded: DecodedText, path: Path, options) -> list:
    """Segments of a text file, with the user's corrections applied and duplicates marked."""
    from .segment import SegmentOptions, segment_text

    from .readers import outlet_table

    seg_options = SegmentOptions(dayfirst=options.dayfirst, outlets=outlet_table(options))
    segments = segment_text(decoded.text, file=str(path), options=seg_options)
    if options.corrections:
        from .corrections import apply_corrections, load_corrections

        try:
            segments = apply_corrections(segments, load_corrections(options.corrections), file=str(path),
                                         text=decoded.text, options=seg_options)
        except InputError as exc:
            # A mistake in the corrections file stops the run: skipping the dump would lose its articles.
            raise OptionError(f"--corrections {exc}") from None
    return segments


def records_from_dump(decoded: DecodedText, path: Path, options, manifest: Manifest):
    if not decoded.text.strip():
        manifest.add(str(path), "file", "skipped", format="text", encoding=decoded.encoding,
                     reason="empty file: nothing to read")
        return
    segments = dump_segments(decoded, path, options)
    ids = {}
    for i, seg in enumerate(segments):
        where = f"lines {seg.start_line}-{seg.end_line}"
        if seg.kind != "article":
            manifest.add(str(path), where, "filler", format="text", encoding=decoded.encoding,
                         reason=seg.kind)
            continue
        if not seg.text.strip():
            manifest.add(str(path), where, "skipped", format="text", encoding=decoded.encoding,
                         reason="article without text")
            continue
        replaced = decoded.replaced_between(seg.start_line, seg.end_line)
        note = damage_note(replaced, max(0, seg.text.count("\ufffd") - replaced))
        doc_id = f"{path.name}:{seg.start_line}"
        ids[i] = doc_id
        if seg.duplicate_of is not None and not options.keep_duplicates:
            manifest.add(str(path), where, "duplicate", format="text", encoding=decoded.encoding,
                         doc_id=ids.get(seg.duplicate_of, ""),
                         reason=f"repeats the article at lines {segments[seg.duplicate_of].start_line}-"
                                f"{segments[seg.duplicate_of].end_line}")
            continue
        yield {
            "doc_id": doc_id, "outlet": seg.outlet or "", "date": seg.date, "title": seg.title or "",
            "author": seg.author or "", "lang": seg.lang or "", "text": seg.text,
            "_record": where, "line": seg.body_start_line, "source": f"{path}:{seg.body_start_line}",
            "encoding": decoded.encoding, "reposted_by": seg.reposted_by or "", "_note": note,
            "subtitle": seg.subtitle or "", "title_line": seg.title_line or seg.start_line,
            "subtitle_line": seg.subtitle_line or seg.start_line,
        }
