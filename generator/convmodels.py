"""Branching conversations and the listening skills their choices name. Plain typed data.

A conversation is its own file, `content/conversations/<id>.yaml`; lessons show it with a
`conversation` block. Rules that need the whole graph (reachability, endings, cycles) live
in `convgraph.py`; here only what one node or choice can say about itself.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models import Markdown, Model, Slug, Text, Title

Mood = Literal["calm", "confused", "worried", "frustrated", "angry", "relieved", "pleased"]
Outcome = Literal["resolved", "escalated", "lost"]
Effect = Annotated[int, Field(ge=-2, le=2)]


class Skill(Model):
    id: Slug = Field(description="Skill id, named so that a positive effect is good.")
    label: Title = Field(description="Skill name shown in the score breakdown.")
    description: Text = Field(description="What showing this skill looks like.")


class Skills(Model):
    """`content/skills.yaml`: the listening skills that conversation choices show or miss."""

    skills: list[Skill] = Field(min_length=1, description="The skills, in display order.")


class Choice(Model):
    text: Text = Field(description="What the agent says (plain text).")
    feedback: Markdown = Field(description="Why this reply helped or hurt (Markdown).")
    next: Slug = Field(description="Id of the node this reply leads to.")
    skills: dict[Slug, Effect] = Field(
        default_factory=dict,
        description="Skill id -> effect from -2 to 2 (not 0): positive when the reply "
        "shows the skill, negative when it misses it.",
    )

    @model_validator(mode="after")
    def _no_zero_effect(self) -> Choice:
        zero = [skill for skill, effect in self.skills.items() if effect == 0]
        if zero:
            raise PydanticCustomError(
                "value_error",
                "expected a skill effect from -2 to 2 other than 0, found 0 for '{skill}' "
                "(leave the skill out instead)",
                {"skill": zero[0]},
            )
        return self


class Node(Model):
    """A decision node (the customer speaks, the agent picks a reply) or an ending."""

    id: Slug = Field(description="Node id, unique in the file.")
    customer: Text | None = Field(
        None, description="What the customer says; optional on an ending (a closing line)."
    )
    mood: Mood | None = Field(None, description="How the customer feels at this point.")
    choices: list[Choice] = Field(
        default_factory=list, description="2-4 agent replies; none on an ending."
    )
    outcome: Outcome | None = Field(None, description="Makes this node an ending.")
    debrief: Markdown | None = Field(None, description="What happened and why (endings).")

    @property
    def ending(self) -> bool:
        return self.outcome is not None


class Conversation(Model):
    """`content/conversations/<id>.yaml`: a branching customer conversation."""

    id: Slug = Field(description="Conversation id; must match the file name.")
    title: Title = Field(description="Title, unique across the course.")
    channel: Literal["phone", "chat", "email", "counter", "video"] = Field(
        description="Where the conversation happens."
    )
    setting: Text = Field(description="Industry and situation (plain text).")
    customer: Text = Field(description="The customer's name.")
    agent: Text = Field("You", description="The agent's name.")
    feedback: Literal["each", "end"] = Field(
        "each", description="Show feedback after each choice, or only in the debrief."
    )
    intro: Markdown | None = Field(None, description="Shown before the first line (Markdown).")
    start: Slug | None = Field(None, description="Id of the first node (default: the first).")
    nodes: list[Node] = Field(min_length=2, description="Decision nodes and endings.")

    @property
    def start_id(self) -> str:
        return self.start or self.nodes[0].id

    def node_map(self) -> dict[str, Node]:
        """Nodes by id (the first of a duplicated id)."""
        out: dict[str, Node] = {}
        for node in self.nodes:
            out.setdefault(node.id, node)
        return out
