"""The lesson page's HTML for three block kinds: dialogues, branching conversations and
written-reply tasks (which quizzes hold too).

Written in Python rather than as macros in `templates/`: these hold the most values per
block (a dialogue a few per line, a conversation a few hundred, a reply task a few dozen),
and the template engine's cost per value made them, after the quiz form (`quizform.py`),
the largest part of rendering a large course. The other kinds stay macros in
`templates/blocks.html.j2`. Author text and ids go through `escape_text`, which escapes as
an autoescaping template does; `Markup` (sanitised author HTML) and numbers are written as
they are, which is what escaping them would give.

A conversation's markup is the whole graph as a script (it reads without JavaScript);
conversation.js hides the script and plays it one turn at a time.
"""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

from generator.convview import ConversationView
from generator.markup import escape_text
from generator.quizview import ReplyView

_BADGES = {
    "poor": '<span class="ml-badge ml-badge-poor">Weaker response</span>',
    "better": '<span class="ml-badge ml-badge-better">Stronger response</span>',
}


def dialogue(item: SimpleNamespace) -> Markup:
    """A dialogue block's page item (`block`, `debrief`) as a figure of its lines."""
    d = item.block
    quality = f" ml-{escape_text(d.quality)}" if d.quality else ""
    names = {"customer": escape_text(d.customer), "agent": escape_text(d.agent)}
    out = [
        f'<figure class="ml-dialogue{quality}">\n'
        f"<figcaption>{_BADGES.get(d.quality or '', '')}"
        f'<span class="ml-dialogue-title">{escape_text(d.title)}</span>'
        f' <span class="ml-setting">{escape_text(d.setting)}</span></figcaption>\n'
        '<div class="ml-lines">\n'
    ]
    for line in d.lines:
        speaker = escape_text(line.speaker)
        out.append(
            f'<div class="ml-line ml-{speaker}"><span class="ml-speaker">'
            f"{names['customer' if line.speaker == 'customer' else 'agent']}"
            f' <span class="ml-role">({speaker})</span></span>'
            f"<p>{escape_text(line.text)}</p></div>\n"
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
    cid = f"ml-conv-{escape_text(c.id)}"
    customer = escape_text(c.customer)
    out = [
        f'<section class="ml-conversation" id="{cid}" data-course="{escape_text(course_id)}"'
        f' data-conversation="{escape_text(c.id)}" data-version="{escape_text(c.version)}"'
        f' data-feedback="{escape_text(c.feedback)}" data-start="{escape_text(c.start)}"'
        f' data-customer="{customer}" data-agent="{escape_text(c.agent)}"'
        f' aria-labelledby="{cid}-title">\n'
        '<div class="ml-conv-head">\n'
        '<p class="ml-conv-kicker">Practise the conversation</p>\n'
        f'<p class="ml-conv-title" id="{cid}-title">{escape_text(c.title)}</p>\n'
        f'<p class="ml-conv-meta">{escape_text(c.channel_label)} · {escape_text(c.setting)}'
        f" · Customer: {customer}</p>\n"
    ]
    if c.intro:
        out.append(f'<div class="ml-conv-intro">{c.intro}</div>')
    out.append('</div>\n<ul class="ml-conv-skills" hidden>\n')
    out += [
        f'<li data-skill="{escape_text(i)}">{escape_text(label)}</li>\n' for i, label in c.skills
    ]
    out.append(
        "</ul>\n"
        '<div class="ml-conv-script">\n'
        '<p class="ml-conv-how">Read it as a script: start at 1, pick a reply, and go to the'
        " step it names.</p>\n"
        '<ol class="ml-conv-nodes">\n'
    )
    for n in c.nodes:
        nid = escape_text(n.id)
        outcome = f' data-outcome="{escape_text(n.outcome)}"' if n.outcome else ""
        out.append(
            f'<li class="ml-conv-node" id="{cid}-{nid}" data-node="{nid}"{outcome}'
            f' value="{n.number}">\n'
        )
        if n.customer:
            mood = escape_text(n.mood) if n.mood else ""
            mood_attr = f' data-mood="{mood}"' if mood else ""
            mood_note = f' <span class="ml-mood">({mood})</span>' if mood else ""
            out.append(
                f'<p class="ml-conv-line"{mood_attr}><span class="ml-speaker">{customer}</span>'
                f'{mood_note}: “<span class="ml-conv-say">{escape_text(n.customer)}</span>”</p>'
            )
        if n.outcome:
            out.append(
                '<p class="ml-conv-outcome">Ending:'
                f" <strong>{escape_text(n.outcome_label)}</strong></p>\n"
                f'<div class="ml-conv-debrief">{n.debrief}</div>\n'
            )
        else:
            out.append('<ol class="ml-conv-choices" type="a">\n')
            for ch in n.choices:
                nxt = escape_text(ch.next)
                out.append(
                    f'<li class="ml-conv-choice" data-next="{nxt}"'
                    f' data-skills="{escape_text(ch.skills_attr)}"><span class="ml-conv-reply">'
                    f'“{escape_text(ch.text)}”</span> <a class="ml-conv-goto" href="#{cid}-{nxt}">'
                    f"go to {ch.next_number}</a>\n"
                    '<details class="ml-conv-why"><summary>Why</summary>'
                    f'<div class="ml-conv-fb">{ch.feedback}</div></details></li>\n'
                )
            out.append("</ol>\n")
        out.append("</li>\n")
    out.append("</ol>\n</div>\n</section>\n")
    return Markup("".join(out))


def reply_task(r: ReplyView, course_id: str) -> Markup:
    """A written-reply task, on a lesson page or in a quiz. Without JavaScript the model
    answer sits in a <details> and the checklist is shown; with it, both appear after
    "Compare", and the draft and ticks are kept."""
    rid = escape_text("ml-reply-" + r.key.replace(":", "--"))
    setting = f'<p class="ml-reply-setting">{escape_text(r.setting)}</p>\n' if r.setting else ""
    checks = "".join(
        f'<div class="ml-reply-check-item"><input type="checkbox" id="{rid}-c{n}"'
        f' value="{n - 1}"><label for="{rid}-c{n}">{escape_text(item)}</label></div>\n'
        for n, item in enumerate(r.checklist, 1)
    )
    return Markup(
        f'<div class="ml-reply" id="{rid}" data-course="{escape_text(course_id)}"'
        f' data-reply="{escape_text(r.key)}">\n'
        '<p class="ml-reply-title">Write a reply</p>\n'
        f"{setting}"
        '<blockquote class="ml-reply-customer"><p><span class="ml-speaker">Customer:</span>'
        f" “{escape_text(r.customer)}”</p></blockquote>\n"
        f'<div class="ml-reply-prompt" id="{rid}-prompt">{r.prompt}</div>\n'
        f'<label class="ml-note-label" for="{rid}-text">Your reply (kept only in this'
        " browser)</label>\n"
        f'<textarea id="{rid}-text" class="ml-reply-text" rows="{r.lines}"'
        f' aria-describedby="{rid}-prompt"></textarea>\n'
        '<div class="ml-reply-actions" hidden><button type="button" class="ml-button'
        ' ml-reply-compare">Compare with a model answer</button></div>\n'
        '<div class="ml-reply-after">\n'
        '<details class="ml-reply-model">\n'
        "<summary>Model answer</summary>\n"
        f"{r.model_answer}\n"
        "</details>\n"
        '<fieldset class="ml-reply-check">\n'
        "<legend>Check your reply</legend>\n"
        f"{checks}"
        "</fieldset>\n"
        '<p class="ml-reply-status" role="status" aria-live="polite"></p>\n'
        "</div>\n"
        "</div>\n"
    )
