"""A Markdown copy of the vault for reading: one section per person, newest talks first."""

from __future__ import annotations

from commsdesk.domain.records import stored_id
from commsdesk.i18n import _, format_date, format_datetime
from commsdesk.storage.contacts import ContactFilter
from commsdesk.storage.conversations import ConversationFilter
from commsdesk.storage.observations import BUILTIN_LABELS
from commsdesk.storage.vault import Vault


def _escape_heading(text: str) -> str:
    return " ".join(text.replace("#", "\\#").split())


def export_markdown(vault: Vault) -> str:
    repos = vault.repos
    dims = {stored_id(d): (_(BUILTIN_LABELS[d.key]) if d.key in BUILTIN_LABELS else d.name)
            for d in repos.dimensions.list(include_archived=True)}
    lines = ["# " + _("CommsDesk journal"), ""]
    offset = 0
    while True:
        people = repos.contacts.list(ContactFilter(archived=None), limit=200, offset=offset)
        if not people:
            break
        offset += len(people)
        for person in people:
            lines += _person(vault, person, dims)
    reflections = repos.reflections.list(limit=10_000)
    if reflections:
        lines += ["## " + _("My reflections"), ""]
        for item in reflections:
            lines.append(f"### {format_datetime(item.written_at)}")
            for label, text in ((_("What was hard"), item.hard), (_("What helped"), item.helped),
                                (_("Notes"), item.notes)):
                if text:
                    lines += [f"**{label}:** {text}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _person(vault: Vault, person, dims: dict[int, str]) -> list[str]:
    repos = vault.repos
    title = _escape_heading(person.display_name)
    if person.archived:
        title += " (" + _("archived") + ")"
    lines = [f"## {title}", "", f"*{_(person.relationship.label)}*", ""]
    for label, text in ((_("Region"), person.region),
                        (_("Values and interests"), person.values_interests),
                        (_("Topics to avoid"), person.topics_to_avoid),
                        (_("Safety notes"), person.safety_notes),
                        (_("Tags"), ", ".join(person.tags))):
        if text:
            lines += [f"- **{label}:** {text}"]
    lines.append("")
    observations = repos.observations.for_contact(person.id)
    if observations:
        lines += ["### " + _("Attitude observations"), ""]
        for obs in observations:
            evidence = f" — {obs.evidence}" if obs.evidence else ""
            lines.append(f"- {format_date(obs.observed_on)}: {dims.get(obs.dimension_id, '?')}"
                         f" {obs.value}/10{evidence}")
        lines.append("")
    for plan in repos.plans.for_contact(person.id):
        lines += ["### " + _("Plan") + f": {_escape_heading(plan.goal)}", ""]
        if plan.realistic_expectation:
            lines += [plan.realistic_expectation, ""]
        lines += [f"- [{'x' if s.status.value == 'done' else ' '}] {s.title}" for s in plan.steps]
        lines.append("")
    conversations = repos.conversations.list(ConversationFilter(contact_id=person.id),
                                             limit=100_000)
    if conversations:
        lines += ["### " + _("Conversations"), ""]
        for conv in conversations:
            lines += [f"#### {format_datetime(conv.occurred_at)} · {_(conv.channel.label)}"
                      + (f" · {_(conv.temperature.label)}" if conv.temperature else ""), ""]
            if conv.topics:
                lines += [f"*{', '.join(conv.topics)}*", ""]
            if conv.notes:
                lines += [conv.notes, ""]
    return lines
