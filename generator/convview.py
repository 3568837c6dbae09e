"""A conversation shaped for the page and for paper: numbered nodes, choices with the number
of the node they lead to, and an outline of the graph for trainers. Pure: no HTML here
beyond calling `md`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from markupsafe import Markup

from generator.convmodels import Conversation, Skills
from generator.markup import MarkupRenderer

CHANNELS = {
    "phone": "Phone call",
    "chat": "Live chat",
    "email": "Email",
    "counter": "At the counter",
    "video": "Video call",
}
OUTCOMES = {"resolved": "Resolved", "escalated": "Escalated", "lost": "Customer lost"}


@dataclass(frozen=True)
class ChoiceView:
    letter: str
    text: str
    feedback: Markup
    next: str
    next_number: int
    skills: list[tuple[str, int]]  # (skill id, effect), in file order

    @property
    def skills_attr(self) -> str:
        """`acknowledge:1 interrupt:-1`, the form the runtime reads."""
        return " ".join(f"{skill}:{effect}" for skill, effect in self.skills)


@dataclass(frozen=True)
class NodeView:
    id: str
    number: int
    customer: str | None
    mood: str | None
    outcome: str | None
    debrief: Markup
    choices: list[ChoiceView]

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome or "", "")


@dataclass(frozen=True)
class OutlineRow:
    depth: int
    number: int
    text: str
    seen: bool  # already listed higher up: the row only points at it


@dataclass(frozen=True)
class ConversationView:
    id: str
    title: str
    channel: str
    setting: str
    customer: str
    agent: str
    feedback: str
    intro: Markup
    version: str
    start: str
    nodes: list[NodeView]  # the start first, then file order
    skills: list[tuple[str, str]]  # (id, label) of the skills its choices name

    @property
    def channel_label(self) -> str:
        return CHANNELS[self.channel]

    @property
    def endings(self) -> list[NodeView]:
        return [n for n in self.nodes if n.outcome]


def conversation_version(conv: Conversation) -> str:
    """Changes whenever the conversation changes, so a saved path of an old graph is dropped."""
    return hashlib.sha256(conv.model_dump_json().encode()).hexdigest()[:12]


def conversation_view(
    conv: Conversation, skills: Skills | None, md: MarkupRenderer, page: str
) -> ConversationView:
    """The conversation as the page, the handout and the guide show it."""
    ordered = sorted(conv.node_map().values(), key=lambda n: n.id != conv.start_id)
    number = {n.id: i for i, n in enumerate(ordered, 1)}
    nodes = [
        NodeView(
            n.id,
            number[n.id],
            n.customer,
            n.mood,
            n.outcome,
            md.block(n.debrief, page),
            [
                ChoiceView(
                    "abcd"[j],
                    c.text,
                    md.block(c.feedback, page),
                    c.next,
                    number[c.next],
                    list(c.skills.items()),
                )
                for j, c in enumerate(n.choices)
            ],
        )
        for n in ordered
    ]
    used = {skill for n in conv.nodes for c in n.choices for skill in c.skills}
    labels = [(s.id, s.label) for s in skills.skills if s.id in used] if skills else []
    return ConversationView(
        conv.id,
        conv.title,
        conv.channel,
        conv.setting,
        conv.customer,
        conv.agent,
        conv.feedback,
        md.block(conv.intro, page),
        conversation_version(conv),
        conv.start_id,
        nodes,
        labels,
    )


def outline(view: ConversationView) -> list[OutlineRow]:
    """The graph as an indented outline from the start: each node once, in full where it is
    first reached; later arrivals only point at its number."""
    by_id = {n.id: n for n in view.nodes}
    rows: list[OutlineRow] = []
    seen: set[str] = set()

    def walk(node_id: str, depth: int, via: str) -> None:
        node = by_id[node_id]
        label = f"{via}{_summary(node)}"
        if node_id in seen:
            rows.append(OutlineRow(depth, node.number, label, True))
            return
        seen.add(node_id)
        rows.append(OutlineRow(depth, node.number, label, False))
        for choice in node.choices:
            walk(choice.next, depth + 1, f"({choice.letter}) ")

    walk(view.start, 0, "")
    return rows


def _summary(node: NodeView) -> str:
    if node.outcome:
        return f"Ending: {node.outcome_label}"
    line = node.customer or ""
    return line if len(line) <= 70 else line[:67].rstrip() + "..."
