"""Reposts and near-duplicates: which texts largely repeat an earlier one.

Method
    Texts are compared without case (of ASCII letters), punctuation or runs of spaces. Each text becomes the set of
    its *shingles*: the 32 bytes (UTF-8; about five English words, three to four Arabic ones)
    starting at each word. Text ``j`` *repeats* an earlier text ``i`` when

        containment(j, i) = |shingles(j) & shingles(i)| / |shingles(j)|  >=  threshold

    i.e. when at least ``threshold`` of what ``j`` says is said, word for word in runs of about five
    words, by ``i``. Containment rather than Jaccard similarity is used because a repost usually
    adds material of its own (a site's banner, a note to readers, a longer introduction) or cuts
    the ending; both leave the containment of the shorter version high. A text shorter than one
    shingle is one shingle.

Threshold
    ``DEFAULT_THRESHOLD = 0.6``. One changed word breaks the five or six shingles that cover it, so
    a copy with one word in twenty edited keeps about 70% of its shingles; two different reports of
    the same event share well under 30% (quotations, stock background paragraphs), as do two
    articles of one outlet that reuse a background section. Raise it to catch only verbatim
    copies; lower it to also catch rewritten wire copy.

Speed and determinism
    Shingles are built for all texts at once with numpy and hashed with fixed constants (no
    salted ``hash``), so results do not change between runs. Candidates are found without
    comparing all pairs: each shingle is *owned* by the first text that has it, and ``j`` is
    compared exactly only with the few earlier texts that own most of its shingles; identical texts
    are matched by a digest first. Cost is O(total size · log).
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

DEFAULT_THRESHOLD = 0.6
SHINGLE_BYTES = 32
_CANDIDATES = 3
_SEP = 1  # byte that separates texts in the joined buffer
# Shingle hashes keep 44 bits so that a text's index (up to 2**20 texts) packs beside them in one
# uint64; two different shingles share a hash with probability 2**-44.
_HASH_BITS = 44
_MAX_TEXTS = 1 << (64 - _HASH_BITS)

# Common non-ASCII punctuation (curly quotes, dashes, ellipsis, no-break spaces, Arabic comma,
# semicolon, question mark and tatweel) folded to a space; ASCII punctuation is folded by the table.
_PUNCT_BYTES = re.compile("|".join(re.escape(ch.encode("utf-8").decode("latin-1")) for ch in
                                   "\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026\u00a0\u202f"
                                   "\u060c\u061b\u061f\u0640").encode("latin-1"))
_BYTES = bytearray(range(256))
for _c in range(128):
    if not chr(_c).isalnum():
        _BYTES[_c] = 32
    elif 65 <= _c <= 90:
        _BYTES[_c] = _c + 32
_BYTES[_SEP] = _SEP
_BYTE_TABLE = bytes(_BYTES)
_C = [np.uint64(c) for c in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                             0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)]
_MASK = np.uint64((1 << _HASH_BITS) - 1)
_SHIFT = np.uint64(_HASH_BITS)


def _shingle_sets(texts: list[str]) -> list[np.ndarray]:
    """Sorted unique 44-bit shingle hashes (uint64) of each text (see the module docstring)."""
    n = len(texts)
    if n == 0:
        return []
    raw = "\x01".join(t.replace("\x01", " ") for t in texts).encode("utf-8")
    raw = _PUNCT_BYTES.sub(b" ", raw).translate(_BYTE_TABLE)
    arr = np.frombuffer(raw, dtype=np.uint8)
    gap = (arr == 32) | (arr == _SEP)
    prev_gap = np.concatenate(([True], gap[:-1]))
    arr = arr[~((arr == 32) & prev_gap)]  # one space between words, none at a text's start
    seps = np.flatnonzero(arr == _SEP)
    doc_start = np.concatenate(([0], seps + 1))
    doc_end = np.concatenate((seps, [len(arr)]))
    gap = (arr == 32) | (arr == _SEP)
    word_start = np.flatnonzero(~gap & np.concatenate(([True], gap[:-1])))
    per_doc = np.diff(np.searchsorted(word_start, np.concatenate((doc_start, [len(arr)]))))
    doc = np.repeat(np.arange(n), per_doc)
    ok = word_start + SHINGLE_BYTES <= doc_end[doc]
    pos, doc = word_start[ok], doc[ok]
    padded = np.concatenate((arr, np.zeros(SHINGLE_BYTES + 8, dtype=np.uint8)))
    # Little-endian 8-byte words starting at every byte (an unaligned view, no copy).
    words = np.ndarray(shape=(len(padded) - 7,), dtype="<u8", buffer=padded, offset=0, strides=(1,))
    with np.errstate(over="ignore"):
        h = np.zeros(len(pos), dtype=np.uint64)
        for k in range(SHINGLE_BYTES // 8):
            h = (h ^ words[pos + 8 * k]) * _C[k]
        h ^= h >> np.uint64(29)
        h *= _C[4]
        h ^= h >> np.uint64(32)
    # The hash's top bits packed after the text's index: one sort orders by text, then hash.
    key = (doc.astype(np.uint64) << _SHIFT) | (h >> np.uint64(64 - _HASH_BITS))
    key.sort()
    if len(key):
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]
    doc = (key >> _SHIFT).astype(np.int64)
    h = key & _MASK
    bounds = np.searchsorted(doc, np.arange(n + 1))
    sets = [h[bounds[i]:bounds[i + 1]] for i in range(n)]
    # Texts too short for one full shingle (but not empty) are one shingle.
    for i in np.flatnonzero((doc_end - doc_start > 0) & (np.diff(bounds) == 0)).tolist():
        body = arr[doc_start[i]:doc_end[i]].tobytes().strip()
        if body:
            digest = int.from_bytes(hashlib.blake2b(body, digest_size=8).digest(), "little")
            sets[i] = np.array([digest & ((1 << _HASH_BITS) - 1)], dtype=np.uint64)
    return sets


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted unique shingle hashes of one text (empty for a text without words)."""
    return _shingle_sets([text])[0]


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the shingles of ``a`` that are also in ``b`` (both from :func:`shingle_hashes`)."""
    if len(a) == 0:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / len(a)


def find_duplicates(texts: list[str], *, threshold: float = DEFAULT_THRESHOLD) -> list[int | None]:
    """For each text, the index of an earlier text it repeats (see the module docstring), else None.

    The index given is always of a text that is not itself a duplicate, so a chain of reposts
    points at its first copy. Empty texts are never duplicates.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    n = len(texts)
    result: list[int | None] = [None] * n
    if n < 2:
        return result
    if n > _MAX_TEXTS:
        raise ValueError(f"at most {_MAX_TEXTS} texts at a time")
    sets = _shingle_sets(list(texts))
    seen: dict[bytes, int] = {}
    for j, sh in enumerate(sets):
        if len(sh) == 0:
            continue
        digest = hashlib.blake2b(sh.tobytes(), digest_size=16).digest()
        if digest in seen:  # identical shingles: an exact repeat
            result[j] = seen[digest]
            sets[j] = sh[:0]
        else:
            seen[digest] = j
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    if sizes.sum() == 0:
        return result
    all_h = np.concatenate(sets)
    all_doc = np.repeat(np.arange(n, dtype=np.uint64), sizes)
    # Sorted by hash, then text: the first text of each run of one hash owns that shingle.
    packed = np.sort((all_h << np.uint64(64 - _HASH_BITS)) | all_doc)
    h_sorted = packed >> np.uint64(64 - _HASH_BITS)
    d_sorted = (packed & np.uint64(_MAX_TEXTS - 1)).astype(np.int64)
    first = np.ones(len(packed), dtype=bool)
    first[1:] = h_sorted[1:] != h_sorted[:-1]
    run_start = np.maximum.accumulate(np.where(first, np.arange(len(packed)), 0))
    owner = d_sorted[run_start]
    foreign = owner != d_sorted
    shared = np.bincount(d_sorted[foreign], minlength=n)
    todo = np.flatnonzero((sizes > 0) & (shared >= threshold * sizes))
    if len(todo) == 0:
        return result
    # For each text to check: its earlier owners and how many of its shingles each one owns.
    mask = foreign & np.isin(d_sorted, todo)
    pairs, counts = np.unique(d_sorted[mask] * n + owner[mask], return_counts=True)
    pair_doc, pair_owner = pairs // n, pairs % n
    starts = np.searchsorted(pair_doc, todo)
    ends = np.searchsorted(pair_doc, todo, side="right")
    for j, a, b in zip(todo.tolist(), starts.tolist(), ends.tolist()):
        cands = pair_owner[a:b][np.argsort(-counts[a:b], kind="stable")][:_CANDIDATES]
        best, best_score = None, 0.0
        for i in cands.tolist():
            if result[i] is not None:
                i = result[i]
            score = containment(sets[j], sets[i])
            if score >= threshold and (score > best_score or (score == best_score and i < best)):
                best, best_score = i, score
        result[j] = best
    return result
