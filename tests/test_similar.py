"""The near-duplicate index finds exactly the pairs that comparing every pair finds."""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import validate
from generator.lint.quiz import NEAR_DUPLICATE, signature
from generator.lint.similar import similar_pairs

ROOT = Path(__file__).resolve().parent.parent


def brute_force(sets: list[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """The definition: every pair compared."""
    return [
        (i, j)
        for i, j in combinations(range(len(sets)), 2)
        if sets[i] and sets[j] and len(sets[i] & sets[j]) >= threshold * len(sets[i] | sets[j])
    ]


def shipped_signatures() -> list[frozenset[str]]:
    cur, problems = validate(ROOT)
    assert cur is not None, problems
    return [signature(q) for quiz_id in sorted(cur.quizzes) for q in cur.quizzes[quiz_id].questions]


def planted(corpus: list[frozenset[str]], seed: int = 7) -> list[frozenset[str]]:
    """The corpus plus edited copies of some questions: exact copies, copies with a few words
    swapped for new ones (some still near-duplicates, some not), and trimmed copies."""
    rng = random.Random(seed)
    out = list(corpus)
    for n, words in enumerate(corpus[::4]):
        ordered = sorted(words)
        swaps = n % 6  # 0 swaps: an exact copy
        for k in rng.sample(range(len(ordered)), min(swaps, len(ordered))):
            ordered[k] = f"planted{n}x{k}"
        out.append(frozenset(ordered))
        out.append(frozenset(sorted(words)[: max(1, len(words) * 3 // 4)]))
    rng.shuffle(out)
    return out


def test_index_finds_the_brute_force_pairs_on_a_real_corpus_with_planted_duplicates() -> None:
    corpus = planted(shipped_signatures())
    expected = brute_force(corpus, NEAR_DUPLICATE)
    assert len(expected) > 100  # the planted copies really are near-duplicates
    assert len(expected) < len(corpus) * 3  # ...and most edited copies are not
    assert similar_pairs(corpus, NEAR_DUPLICATE) == expected


def test_exact_boundary_counts_as_similar() -> None:
    base = frozenset(f"w{i}" for i in range(10))
    seven = frozenset([*sorted(base)[:7], "x1", "x2", "x3"])  # with base: 7 of 13, below 0.7
    wider = frozenset([*base, "x1", "x2", "x3"])  # with base: 10 of 13
    trimmed = frozenset(sorted(base)[:7])  # with base and with seven: 7 of 10, exactly 0.7
    sets = [base, seven, wider, trimmed, frozenset()]
    assert similar_pairs(sets, 0.7) == brute_force(sets, 0.7) == [(0, 2), (0, 3), (1, 2), (1, 3)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.frozensets(st.sampled_from("abcdefghijkl"), max_size=9), max_size=30),
    st.sampled_from([0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 1.0]),
)
def test_index_matches_brute_force_on_any_sets(
    sets: list[frozenset[str]], threshold: float
) -> None:
    assert similar_pairs(sets, threshold) == brute_force(sets, threshold)
