"""Rules that need a conversation's whole graph: targets, reachability, endings, traps.

`check(src)` returns located problems for every conversation, the skills file and the
lesson blocks that name conversations. Graph walks are breadth-first over node ids, so a
conversation with a loop is walked once, not forever.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from generator.convmodels import Conversation, Node
from generator.errors import Problem, did_you_mean
from generator.loader import SKILLS, Source, duplicate_ids
from generator.yamlload import Document

MIN_CHOICES, MAX_CHOICES = 2, 4


def edges(conv: Conversation) -> dict[str, list[str]]:
    """Node id -> the node ids its choices lead to (targets that exist only)."""
    nodes = conv.node_map()
    return {n.id: [c.next for c in n.choices if c.next in nodes] for n in nodes.values()}


def reachable(graph: dict[str, list[str]], start: Iterable[str]) -> dict[str, int]:
    """Every node reachable from `start`, with the fewest choices it takes to get there."""
    dist = {s: 0 for s in start if s in graph}
    queue = deque(dist)
    while queue:
        here = queue.popleft()
        for there in graph[here]:
            if there not in dist:
                dist[there] = dist[here] + 1
                queue.append(there)
    return dist


def reverse(graph: dict[str, list[str]]) -> dict[str, list[str]]:
    back: dict[str, list[str]] = {n: [] for n in graph}
    for here, targets in graph.items():
        for there in targets:
            back[there].append(here)
    return back


def shortest_resolution(conv: Conversation) -> int | None:
    """Fewest choices from the start to a resolved ending, or None if there is no way."""
    dist = reachable(edges(conv), [conv.start_id])
    turns = [dist[n.id] for n in conv.nodes if n.outcome == "resolved" and n.id in dist]
    return min(turns) if turns else None


def check(src: Source) -> list[Problem]:
    """Every problem of the conversations, the skills file and conversation blocks."""
    problems = _check_skills(src)
    skill_ids = {s.id for s in src.skills.skills} if src.skills else set()
    titles: dict[str, str] = {}
    for conv_id in sorted(src.conversations):
        conv = src.conversations[conv_id]
        doc = src.doc("conversation", conv_id)
        problems += _check_graph(conv, doc)
        problems += _check_choices(src, conv, doc, skill_ids)
        folded = conv.title.casefold()
        if folded in titles:
            problems.append(
                doc.problem(
                    ("title",),
                    f"conversation '{conv_id}': title '{conv.title}' is already used by "
                    f"conversation '{titles[folded]}' (learners tell them apart by title)",
                    rule="duplicate-id",
                )
            )
        titles.setdefault(folded, conv_id)
    problems += _check_blocks(src)
    return problems


def _check_skills(src: Source) -> list[Problem]:
    if src.skills is None:
        return []
    ids = [skill.id for skill in src.skills.skills]
    return duplicate_ids(src.doc("skills", "skills"), "skills", ids, "skills")


def _check_graph(conv: Conversation, doc: Document) -> Iterator[Problem]:
    where = f"conversation '{conv.id}'"
    yield from duplicate_ids(doc, "nodes", [n.id for n in conv.nodes], where)
    first: dict[str, int] = {}
    for i, node in enumerate(conv.nodes):
        first.setdefault(node.id, i)
    nodes = conv.node_map()
    if conv.start is not None and conv.start not in nodes:
        yield doc.problem(
            ("start",),
            f"{where}: start '{conv.start}' is not a node{did_you_mean(conv.start, nodes)}",
            rule="reference",
        )
        return
    node_problems = [
        p for i, n in enumerate(conv.nodes) for p in _check_node(where, n, i, doc, nodes)
    ]
    yield from node_problems
    if any(p.rule == "reference" for p in node_problems):
        return  # a choice leads nowhere: reachability of a broken graph says nothing new
    graph = edges(conv)
    reach = reachable(graph, [conv.start_id])
    can_end = reachable(reverse(graph), [n.id for n in conv.nodes if n.ending])
    for i, node in enumerate(conv.nodes):
        if node.id in reach or first[node.id] != i:
            continue
        what = "ending" if node.ending else "node"
        yield doc.problem(
            ("nodes", i, "id"),
            f"{where}: {what} '{node.id}' can never be reached from the start "
            f"'{conv.start_id}' (no choice leads to it)",
            rule="conversation-unreachable-ending" if node.ending else "conversation-unreachable",
        )
    # A node without choices is reported as such; the loop rule is about the others.
    trapped = [n.id for n in conv.nodes if n.id in reach and n.id not in can_end and n.choices]
    if trapped:
        i = first[trapped[0]]
        listed = ", ".join(f"'{t}'" for t in dict.fromkeys(trapped))
        yield doc.problem(
            ("nodes", i, "id"),
            f"{where}: no ending can be reached from node(s) {listed}: the choices "
            "go round in a loop; give one of them a way out",
            rule="conversation-trap",
        )
    if not any(n.outcome == "resolved" and n.id in reach for n in conv.nodes):
        yield doc.problem(
            ("nodes",),
            f"{where}: no path from the start reaches a 'resolved' ending "
            "(learners must be able to succeed)",
            rule="conversation-no-resolution",
            key=True,
        )


def _check_node(
    where: str, node: Node, i: int, doc: Document, nodes: dict[str, Node]
) -> Iterator[Problem]:
    if node.ending:
        if node.choices:
            yield doc.problem(
                ("nodes", i, "choices"),
                f"{where}: ending '{node.id}' has choices; an ending closes the "
                "conversation (remove 'outcome' or the choices)",
                rule="conversation-ending",
                key=True,
            )
        if node.debrief is None:
            yield doc.problem(
                ("nodes", i, "outcome"),
                f"{where}: ending '{node.id}' needs a 'debrief' saying what happened and why",
                rule="conversation-ending",
                key=True,
            )
        return
    if node.customer is None:
        yield doc.problem(
            ("nodes", i, "id"),
            f"{where}: node '{node.id}' needs a 'customer' line for the agent to answer",
            rule="conversation-choices",
        )
    if not MIN_CHOICES <= len(node.choices) <= MAX_CHOICES:
        yield doc.problem(
            ("nodes", i, "choices") if node.choices else ("nodes", i, "id"),
            f"{where}: node '{node.id}' expected {MIN_CHOICES} to {MAX_CHOICES} choices, "
            f"found {len(node.choices)} (or mark it as an ending with 'outcome')",
            rule="conversation-choices",
            key=bool(node.choices),
        )
    for j, choice in enumerate(node.choices):
        if choice.next not in nodes:
            yield doc.problem(
                ("nodes", i, "choices", j, "next"),
                f"{where}: node '{node.id}' choice {j + 1} leads to '{choice.next}', "
                f"which is not a node{did_you_mean(choice.next, nodes)}",
                rule="reference",
            )


def _check_choices(
    src: Source, conv: Conversation, doc: Document, skill_ids: set[str]
) -> Iterator[Problem]:
    if src.failed("skills", "skills"):
        return  # the skills file is broken: one error is enough
    for i, node in enumerate(conv.nodes):
        for j, choice in enumerate(node.choices):
            for skill in choice.skills:
                if skill in skill_ids:
                    continue
                hint = (
                    did_you_mean(skill, skill_ids)
                    if src.skills
                    else f" (no {SKILLS} defines skills)"
                )
                yield doc.problem(
                    ("nodes", i, "choices", j, "skills", skill),
                    f"conversation '{conv.id}': skill '{skill}' is not defined in {SKILLS}{hint}",
                    rule="reference",
                    key=True,
                )


def _check_blocks(src: Source) -> Iterator[Problem]:
    used: set[str] = set()
    dangling = False
    for lesson_id, lesson in src.lessons.items():
        doc = src.doc("lesson", lesson_id)
        replies: set[str] = set()
        for i, block in enumerate(lesson.blocks):
            if block.type == "reply":
                if block.id in replies:
                    yield doc.problem(
                        ("blocks", i, "id"),
                        f"lesson '{lesson_id}': duplicate reply id '{block.id}'",
                        rule="duplicate-id",
                    )
                replies.add(block.id)
            if block.type != "conversation":
                continue
            ident = block.conversation
            used.add(ident)
            if ident in src.conversations or src.failed("conversation", ident):
                continue
            dangling = True
            yield doc.problem(
                ("blocks", i, "conversation"),
                f"lesson '{lesson_id}': conversation '{ident}' does not exist (expected a "
                f"file content/conversations/{ident}.yaml)"
                f"{did_you_mean(ident, src.conversations)}",
                rule="reference",
            )
    if src.unreadable or dangling:
        return  # the lesson that uses it may be one that failed to load or misnames it
    for conv_id in sorted(set(src.conversations) - used):
        yield src.doc("conversation", conv_id).problem(
            ("id",),
            f"conversation '{conv_id}' is not used by any lesson "
            f"(add a block 'type: conversation, conversation: {conv_id}')",
            severity="warning",
            rule="unused",
        )
