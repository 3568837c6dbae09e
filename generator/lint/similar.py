"""Find every pair of word sets at least this similar, without comparing all pairs.

Two sets are similar when they share at least `threshold` of their distinct words
(Jaccard: |a & b| >= threshold * |a | b|). Comparing all n sets pairwise costs n^2 / 2
comparisons (18 million for 6,000 quiz questions). Instead each set is indexed by a short
*prefix*: its rarest words. Two similar sets must share a word in their prefixes, so only
sets that do are compared, and each such candidate is checked with the exact formula.

Why the prefix is enough: with the words of every set ordered the same way (rarest first),
if a and b share at least k_a = ceil(threshold * |a|) words, a's prefix of
|a| - k_a + 1 words and b's prefix of |b| - k_b + 1 words cannot both miss all of them
(the pigeonhole argument of prefix filtering, Chaudhuri et al. 2006; Bayardo et al. 2007).
The result is exactly the pairs a brute-force comparison finds; rare words keep the
candidate lists short, so the cost grows with the number of sets, not its square.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain


def jaccard_at_least(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """The exact test: do `a` and `b` share at least `threshold` of their distinct words?"""
    shared = len(a & b)
    return shared >= threshold * (len(a) + len(b) - shared)


def prefix_length(size: int, threshold: float) -> int:
    """Words of a set of `size` words to index so no similar partner is missed."""
    needed = max(1, math.ceil(threshold * size))  # the least overlap a similar pair has
    return size - needed + 1


def similar_pairs(sets: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Every pair of positions (i, j), i < j, of non-empty sets with Jaccard similarity of at
    least `threshold` (0 < threshold <= 1), in the order a loop over all pairs would give."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    frequency = Counter(chain.from_iterable(sets))
    # One global order of words, rarest first, ties by first appearance (a stable sort of
    # the words as counted): rank[w] is w's position. Any one order shared by all sets finds
    # the same pairs; rare words first keeps the candidate lists short.
    rank = {w: n for n, w in enumerate(sorted(frequency, key=frequency.__getitem__))}
    index: dict[str, list[int]] = {}  # word -> earlier sets with that word in their prefix
    pairs: list[tuple[int, int]] = []
    for i, a in enumerate(sets):
        if not a:
            continue
        prefix = sorted(a, key=rank.__getitem__)[: prefix_length(len(a), threshold)]
        candidates: set[int] = set()
        for word in prefix:
            earlier = index.get(word)
            if earlier is None:
                index[word] = [i]
            else:
                candidates.update(earlier)
                earlier.append(i)
        size = len(a)
        for j in candidates:
            b = sets[j]
            # Length filter: a set far bigger or smaller cannot share enough words.
            if min(size, len(b)) >= threshold * max(size, len(b)) and jaccard_at_least(
                a, b, threshold
            ):
                pairs.append((j, i))
    pairs.sort()  # the order of a loop over all pairs
    return pairs
