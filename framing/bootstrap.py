"""The cluster bootstrap: one owner for how intervals are drawn (issue 16).

Every interval in framing resamples whole units (documents by default: the hits or sentences of
one article are not independent) with replacement, within one group (an outlet, an outlet and
period, an outlet and term), and takes the percentile interval of the replicated statistic.

Each group draws from its own generator, seeded by the base seed and a stable hash of the
group's name (``keyed_rng``). So a group's interval depends only on its own data, the seed and
its name: adding or dropping outlet A never moves outlet B's interval, and the order in which
groups are visited does not matter.

- ``keyed_rng(seed, key)``: the generator of one group (also used for seeded sampling by key).
- ``unit_totals(values, units)``: per-unit sums of values and per-unit counts.
- ``ratio_interval(num, den, rng, n_boot, level)``: interval of sum(num)/sum(den) over resampled
  units (a rate: hits over words; a mean: sum of scores over count).
- ``replicate_weights(rng, n, n_boot)``: how often each unit is drawn in each replicate.
- ``ratio_replicates(num, den, rng, n_boot)``: the replicates themselves (for ratios of groups).
- ``rate_intervals(counts, words, rng, n_boot, level)``: ``ratio_interval`` for every column of a
  unit x feature count matrix at once, sharing the resampled units across columns.
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd


def keyed_rng(seed: int, key: str) -> np.random.Generator:
    """The generator of the group named ``key``: seeded by ``seed`` and crc32 of the UTF-8 name,
    so that it is the same in every run and independent of every other group."""
    return np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(str(key).encode("utf-8"))])


def unit_totals(values: np.ndarray, units) -> tuple[np.ndarray, np.ndarray]:
    """Per unit (in order of first appearance): the sum of ``values`` and the number of values."""
    codes, _ = pd.factorize(np.asarray(units), sort=False)
    k = int(codes.max()) + 1 if len(codes) else 0
    sums = np.bincount(codes, weights=np.asarray(values, dtype=float), minlength=k)
    counts = np.bincount(codes, minlength=k).astype(float)
    return sums, counts


def replicate_weights(rng: np.random.Generator, n: int, n_boot: int) -> np.ndarray:
    """n_boot x n: how many times each of ``n`` units is drawn in each replicate (each row sums to n)."""
    idx = rng.integers(0, n, size=(n_boot, n))
    weights = np.bincount((idx + (np.arange(n_boot) * n)[:, None]).ravel(), minlength=n_boot * n)
    return weights.reshape(n_boot, n).astype(float)


def ratio_replicates(num: np.ndarray, den: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """``n_boot`` replicates of sum(num)/sum(den), each over units drawn with replacement
    (one row of ``n`` draws per replicate). A replicate whose denominator is 0 gives NaN.
    ``num`` may be units x k (several statistics over the same draws): the result is n_boot x k."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    n = len(num)
    idx = rng.integers(0, n, size=(n_boot, n))
    d = den[idx].sum(axis=1)
    if num.ndim == 2:
        d = d[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d > 0, num[idx].sum(axis=1) / np.where(d > 0, d, 1), np.nan)


def percentile_interval(replicates: np.ndarray, level: float) -> tuple[float, float]:
    """The central ``level`` percentile interval of the replicates (NaN replicates left out).
    For an n_boot x k array: two arrays of k bounds."""
    alpha = (1 - level) / 2
    r = np.asarray(replicates, dtype=float)
    if r.ndim == 2:
        low, high = np.nanquantile(r, [alpha, 1 - alpha], axis=0) if r.size else (np.array([]),) * 2
        return low, high
    r = r[~np.isnan(r)]
    if r.size == 0:
        return float("nan"), float("nan")
    low, high = np.quantile(r, [alpha, 1 - alpha])
    return float(low), float(high)


def ratio_interval(num: np.ndarray, den: np.ndarray, rng: np.random.Generator, n_boot: int,
                   level: float) -> tuple[float, float]:
    """Percentile interval of sum(num)/sum(den) resampling units; (NaN, NaN) with fewer than two
    units or no replicates."""
    if len(num) < 2 or n_boot <= 0:
        return float("nan"), float("nan")
    return percentile_interval(ratio_replicates(num, den, rng, n_boot), level)


def rate_intervals(counts, words: np.ndarray, rng: np.random.Generator, n_boot: int, level: float):
    """Percentile interval of sum(counts)/sum(words) per column of a units x features matrix
    (scipy sparse), resampling rows. Columns without hits get (0, 0); fewer than two rows give NaN."""
    n, f = counts.shape
    low = np.zeros(f)
    high = np.zeros(f)
    if n < 2:
        return low * np.nan, high * np.nan
    nz = np.flatnonzero(counts.getnnz(axis=0))
    if nz.size == 0:
        return low, high
    sub = counts[:, nz]
    scale = np.ones(nz.size)
    dense = n * nz.size <= 4_000_000
    if dense:
        # Columns proportional to each other (common in small groups: a term and its category)
        # have proportional bootstrap distributions: resample each pattern once.
        sub = sub.toarray()
        scale = sub.sum(axis=0)
        sub, inverse = np.unique(sub / scale, axis=1, return_inverse=True)
    step = max(1, min(n_boot, 2_000_000 // n))
    rates = np.empty((sub.shape[1], n_boot))
    w = words.astype(float)
    for b0 in range(0, n_boot, step):
        nb = min(step, n_boot - b0)
        weights = replicate_weights(rng, n, nb)
        num = weights @ sub if dense else np.asarray((sub.T @ weights.T).T)
        den = weights @ w
        with np.errstate(divide="ignore", invalid="ignore"):
            rates[:, b0:b0 + nb] = np.where(den[:, None] > 0, num / den[:, None], np.nan).T
    alpha = 1 - level
    quantile = np.nanquantile if np.isnan(rates).any() else np.quantile
    q = quantile(rates, [alpha / 2, 1 - alpha / 2], axis=1)
    if dense:
        q = q[:, np.ravel(inverse)] * scale
    low[nz], high[nz] = q[0], q[1]
    return low, high
