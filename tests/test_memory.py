"""Collections paused while a step builds data that stays alive: afterwards the collector
runs as before, counts that data as old, and still frees the cycles the step left."""

from __future__ import annotations

import gc
import weakref

from generator.memory import collections_paused, release_memory


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_no_collection_runs_inside_the_block_and_the_setting_comes_back() -> None:
    seen: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        seen.append(phase)

    gc.callbacks.append(note)
    try:
        with collections_paused():
            kept = [[n] for n in range(200_000)]  # four collections' worth at Python's pace
            assert not gc.isenabled()
            assert seen == []
    finally:
        gc.callbacks.remove(note)
    assert gc.isenabled()
    assert len(kept) == 200_000


def test_what_the_block_made_counts_as_old_so_no_collection_walks_it_at_once() -> None:
    with collections_paused():
        kept = [[n] for n in range(200_000)]
    young, middle, _ = gc.get_count()
    assert young < 1_000 and middle == 0  # not 200,000 objects waiting for the next pass
    assert gc.get_freeze_count() == 0  # back among the collector's objects, not frozen
    assert kept


def test_cycles_made_in_the_block_are_still_freed_by_a_full_collection() -> None:
    with collections_paused():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        watch = weakref.ref(a)
        del a, b
    assert watch() is not None  # a cycle: only the collector frees it
    gc.collect()
    assert watch() is None


def test_objects_a_program_froze_stay_frozen() -> None:
    gc.collect()
    frozen = [[n] for n in range(100)]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with collections_paused():
            more = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
    assert frozen and more


def test_a_caller_that_turned_collections_off_keeps_them_off() -> None:
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_releasing_memory_collects_only_when_asked() -> None:
    seen: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        seen.append(phase)

    gc.callbacks.append(note)
    try:
        release_memory(collect=False)
        assert seen == []
        release_memory()
        assert seen == ["start", "stop"]
    finally:
        gc.callbacks.remove(note)
