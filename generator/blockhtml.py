"""The lesson page's HTML for two block kinds: dialogues and branching conversations.

Written in Python rather than as macros in `templates/`: these two hold the most values per
block (a dialogue a few per line, a conversation a few hundred), and the template engine's
cost per value made them, after the quiz form (`quizform.py`), the largest part of rendering
a large course. The other kinds stay macros in `templates/blocks.html.j2`. Author text and
ids go through `escape`, as in an autoescaping template; `Markup` (sanitised author HTML) and
numbers are written as they are, which is what escaping them would give.

A conversation's markup is the whole graph as a script (it reads without JavaScript);
conversation.js hides the script and plays it one turn at a time.
"""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup, escape

from generator.convview import ConversationView

_BADGES = {
    "poor": '<span class="ml-badge ml-badge-poor">Weaker response</span>',
    "better": '<span class="ml-badge ml-badge-better">Stronger response</span>',
}


def dialogue(item: SimpleNamespace) -> Markup:
    """A dialogue block's page item (`block`, `debrief`) as a figure of its lines."""
    d = item.block
    quality = f" ml-{escape(d.quality)}" if d.quality else ""
    names = {"customer": escape(d.customer), "agent": escape(d.agent)}
    out = [
        f'<figure class="ml-dialogue{quality}">\n'
        f"<figcaption>{_BADGES.get(d.quality or '', '')}"
        f'<span class="ml-dialogue-title">{escape(d.title)}</span>'
        f' <span class="ml-setting">{escape(d.setting)}</span></figcaption>\n'
        '<div class="ml-lines">\n'
    ]
    for line in d.lines:
        speaker = escape(line.speaker)
        out.append(
            f'<div class="ml-line ml-{speaker}"><span class="ml-speaker">'
            f"{names['customer' if line.speaker == 'customer' else 'agent']}"
            f' <span class="ml-role">({speaker})</span></span>'
            f"<p>{escape(line.text)}</p></div>\n"
        )
    out.append("</div>\n")
    if item.debrief:
        out.append(
            f'<div class="ml-debrief"><p class="ml-debrief-title">Debrief</p>\n{item.debrief}</div>'
        )
    out.append("</figure>\n")
    return Markup("".join(out))


def conversation(c: ConversationView, course_id: str) -> Markup:
    """A conversation as a script: its head, the skills it names, then numbered nodes."""
    cid = f"ml-conv-{escape(c.id)}"
    customer = escape(c.customer)
    out = [
        f'<section class="ml-conversation" id="{cid}" data-course="{escape(course_id)}"'
        f' data-conversation="{escape(c.id)}" data-version="{escape(c.version)}"'
        f' data-feedback="{escape(c.feedback)}" data-start="{escape(c.start)}"'
        f' data-customer="{customer}" data-agent="{escape(c.agent)}"'
        f' aria-labelledby="{cid}-title">\n'
        '<div class="ml-conv-head">\n'
        '<p class="ml-conv-kicker">Practise the conversation</p>\n'
        f'<p class="ml-conv-title" id="{cid}-title">{escape(c.title)}</p>\n'
        f'<p class="ml-conv-meta">{escape(c.channel_label)} · {escape(c.setting)}'
        f" · Customer: {customer}</p>\n"
    ]
    if c.intro:
        out.append(f'<div class="ml-conv-intro">{c.intro}</div>')
    out.append('</div>\n<ul class="ml-conv-skills" hidden>\n')
    out += [f'<li data-skill="{escape(i)}">{escape(label)}</li>\n' for i, label in c.skills]
    out.append(
        "</ul>\n"
        '<div class="ml-conv-script">\n'
        '<p class="ml-conv-how">Read it as a script: start at 1, pick a reply, and go to the'
        " step it names.</p>\n"
        '<ol class="ml-conv-nodes">\n'
    )
    for n in c.nodes:
        nid = escape(n.id)
        outcome = f' data-outcome="{escape(n.outcome)}"' if n.outcome else ""
        out.append(
            f'<li class="ml-conv-node" id="{cid}-{nid}" data-node="{nid}"{outcome}'
            f' value="{n.number}">\n'
        )
        if n.customer:
            mood = escape(n.mood) if n.mood else ""
            mood_attr = f' data-mood="{mood}"' if mood else ""
            mood_note = f' <span class="ml-mood">({mood})</span>' if mood else ""
            out.append(
                f'<p class="ml-conv-line"{mood_attr}><span class="ml-speaker">{customer}</span>'
                f'{mood_note}: “<span class="ml-conv-say">{escape(n.customer)}</span>”</p>'
            )
        if n.outcome:
            out.append(
                f'<p class="ml-conv-outcome">Ending: <strong>{escape(n.outcome_label)}</strong>'
                f'</p>\n<div class="ml-conv-debrief">{n.debrief}</div>\n'
            )
        else:
            out.append('<ol class="ml-conv-choices" type="a">\n')
            for ch in n.choices:
                nxt = escape(ch.next)
                out.append(
                    f'<li class="ml-conv-choice" data-next="{nxt}"'
                    f' data-skills="{escape(ch.skills_attr)}"><span class="ml-conv-reply">'
                    f'“{escape(ch.text)}”</span> <a class="ml-conv-goto" href="#{cid}-{nxt}">'
                    f"go to {ch.next_number}</a>\n"
                    '<details class="ml-conv-why"><summary>Why</summary>'
                    f'<div class="ml-conv-fb">{ch.feedback}</div></details></li>\n'
                )
            out.append("</ol>\n")
        out.append("</li>\n")
    out.append("</ol>\n</div>\n</section>\n")
    return Markup("".join(out))
