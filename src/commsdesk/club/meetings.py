"""The club meeting kit: 90-minute agendas, the meeting roles and ground rules, and a printable agenda."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from commsdesk.i18n import N_, _
from commsdesk.library.catalog import title as article_title
from commsdesk.paths import resources_dir

FORMAT = "commsdesk-meeting-kit"
LANGUAGES = ("ru", "en")
REQUIRED_PARTS = ("check-in", "story-round", "technique", "roleplay", "reflection")
PART_LABELS = {
    "check-in": N_("Check-in"), "story-round": N_("Story round"),
    "technique": N_("Technique of the week"), "roleplay": N_("Role-play in threes"),
    "break": N_("Break"), "feedback": N_("Observer's feedback"), "reflection": N_("Reflection"),
}


@dataclass(frozen=True)
class Segment:
    part: str  # one of PART_LABELS
    minutes: int
    lead: str  # a Role id
    title: str
    what: str
    tips: tuple[str, ...]
    articles: tuple[str, ...]  # library ids: the technique of the week, the role-play cards


@dataclass(frozen=True)
class Agenda:
    id: str
    title: str
    purpose: str
    segments: tuple[Segment, ...]

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.segments)

    def start_minutes(self) -> list[int]:
        """When each segment starts, in minutes from the opening."""
        starts, elapsed = [], 0
        for segment in self.segments:
            starts.append(elapsed)
            elapsed += segment.minutes
        return starts


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    summary: str
    duties: tuple[str, ...]


@dataclass(frozen=True)
class GroundRule:
    id: str
    title: str
    text: str


@lru_cache(maxsize=1)
def _kit() -> dict:
    with open(resources_dir() / "club" / "meetings.json", encoding="utf-8") as handle:
        kit = json.load(handle)
    if kit.get("format") != FORMAT:
        raise ValueError("not a meeting kit")
    return kit


def _lang(language: str) -> str:
    return language if language in LANGUAGES else "en"


def _segment(raw: dict, language: str) -> Segment:
    text = raw[language]
    return Segment(raw["part"], int(raw["minutes"]), raw["lead"], text["title"], text["what"],
                   tuple(text.get("tips", ())), tuple(raw.get("articles", ())))


def agendas(language: str) -> list[Agenda]:
    lang = _lang(language)
    return [Agenda(a["id"], a[lang]["title"], a[lang]["purpose"],
                   tuple(_segment(s, lang) for s in a["segments"])) for a in _kit()["agendas"]]


def agenda(agenda_id: str, language: str) -> Agenda | None:
    return next((a for a in agendas(language) if a.id == agenda_id), None)


def roles(language: str) -> list[Role]:
    lang = _lang(language)
    return [Role(r["id"], r[lang]["title"], r[lang]["summary"], tuple(r[lang]["duties"]))
            for r in _kit()["roles"]]


def ground_rules(language: str) -> list[GroundRule]:
    lang = _lang(language)
    return [GroundRule(g["id"], g[lang]["title"], g[lang]["text"]) for g in _kit()["ground_rules"]]


def part_label(part: str) -> str:
    return _(PART_LABELS[part]) if part in PART_LABELS else part


def clock(minutes: int) -> str:
    """Minutes from the opening as h:mm: 0:00, 0:10, 1:05."""
    return f"{minutes // 60}:{minutes % 60:02d}"


_STYLE = """body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14px; }
th { background-color: #e8e8e8; text-align: left; }
td, th { padding: 4px; vertical-align: top; }
.tips { color: #444444; } .note { color: #555555; font-size: 9pt; }"""


def _segment_row(start: int, segment: Segment, role_titles: dict[str, str], language: str) -> str:
    part = part_label(segment.part)
    heading = f"<b>{escape(segment.title)}</b>"
    if part.casefold() != segment.title.casefold():
        heading += f" <i>({escape(part)})</i>"
    cell = [heading, f"<p>{escape(segment.what)}</p>"]
    if segment.tips:
        label = escape(_("Tips"))
        tips = "".join(f"<li>{escape(tip)}</li>" for tip in segment.tips)
        cell.append(f'<p class="tips">{label}:</p><ul class="tips">{tips}</ul>')
    if segment.articles:
        label = escape(_("From the library"))
        names = ", ".join(escape(article_title(a, language)) for a in segment.articles)
        cell.append(f"<p>{label}: {names}</p>")
    lead = role_titles.get(segment.lead, segment.lead)
    return (f"<tr><td>{clock(start)}</td><td>{segment.minutes}</td><td>{''.join(cell)}</td>"
            f"<td>{escape(lead)}</td></tr>")


def agenda_html(agenda: Agenda, language: str) -> str:
    """A self-contained HTML page for printing (QTextDocument → PDF): every text escaped, nothing remote.

    The content is in `language`; the labels around it are in the interface language (through _()).
    """
    lang = _lang(language)
    the_roles = roles(lang)
    role_titles = {r.id: r.title for r in the_roles}
    rows = "".join(_segment_row(start, segment, role_titles, lang)
                   for start, segment in zip(agenda.start_minutes(), agenda.segments, strict=True))
    labels = (_("Start"), _("Minutes"), _("What happens"), _("Leads"))
    header = "".join(f'<th width="{width}%">{escape(label)}</th>'
                     for label, width in zip(labels, (8, 8, 64, 20), strict=True))
    role_blocks = "".join(
        f"<h3>{escape(r.title)}</h3><p>{escape(r.summary)}</p>"
        f"<ul>{''.join(f'<li>{escape(d)}</li>' for d in r.duties)}</ul>" for r in the_roles)
    rules = "".join(f"<li><b>{escape(g.title)}.</b> {escape(g.text)}</li>" for g in ground_rules(lang))
    total = _("Total time: {minutes} min").format(minutes=agenda.total_minutes)
    roles_label, rules_label = _("Roles"), _("Ground rules")
    note = _("Do not write the names of members or their relatives on this sheet.")
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{escape(agenda.title)}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{escape(agenda.title)}</h1><p>{escape(agenda.purpose)}</p>"
            f"<p><b>{escape(total)}</b></p>"
            f'<table border="1" cellspacing="0" cellpadding="4" width="100%"><thead><tr>{header}</tr>'
            f"</thead><tbody>{rows}</tbody></table>"
            f"<h2>{escape(roles_label)}</h2>{role_blocks}"
            f"<h2>{escape(rules_label)}</h2><ul>{rules}</ul>"
            f'<p class="note">{escape(note)}</p></body></html>')
