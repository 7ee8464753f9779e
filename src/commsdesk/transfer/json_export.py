"""Export a whole vault as the versioned JSON document described in docs/export-format.md."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from commsdesk import __version__
from commsdesk.storage.contacts import ContactFilter
from commsdesk.storage.vault import Vault

FORMAT = "commsdesk-export"
VERSION = 1
PAGE = 2000
SECTIONS = ("dimensions", "contacts", "conversations", "observations", "plans", "reminders",
            "reflections", "library_marks", "stage_changes", "prep_sheets", "strategy_templates",
            "club_stories", "content_packs", "trusted_keys", "practice_log")


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _pages(fetch) -> list:
    out, offset = [], 0
    while True:
        chunk = fetch(PAGE, offset)
        out += chunk
        if len(chunk) < PAGE:
            return out
        offset += PAGE


def export_document(vault: Vault) -> dict[str, Any]:
    repos = vault.repos
    contacts = _pages(lambda n, o: repos.contacts.list(ContactFilter(archived=None), sort="created",
                                                       limit=n, offset=o))
    contact_uid = {c.id: c.uid for c in contacts}
    conversations = _pages(lambda n, o: repos.conversations.list(sort="created", descending=False,
                                                                 limit=n, offset=o))
    conversation_uid = {v.id: v.uid for v in conversations}
    dimensions = repos.dimensions.list(include_archived=True)
    dimension_uid = {d.id: d.uid for d in dimensions}
    plans = _pages(lambda n, o: repos.plans.list_all(n, o))
    plan_uid = {p.id: p.uid for p in plans}
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "dimensions": [
            {"uid": d.uid, "key": d.key, "name": d.name, "better_when": d.better_when,
             "builtin": d.builtin, "position": d.position, "archived": d.archived}
            for d in dimensions
        ],
        "contacts": [
            {"uid": c.uid, "display_name": c.display_name, "relationship": c.relationship.value,
             "region": c.region, "age_group": c.age_group.value,
             "channels": [ch.value for ch in c.channels],
             "media_diet": [{"kind": m.kind.value, "name": m.name} for m in c.media_diet],
             "values_interests": c.values_interests, "topics_to_avoid": c.topics_to_avoid,
             "safety_notes": c.safety_notes, "tags": c.tags,
             "stay_in_touch_weeks": c.stay_in_touch_weeks, "archived": c.archived,
             "phones": c.phones, "address": c.address,
             "created_at": _dt(c.created_at), "updated_at": _dt(c.updated_at)}
            for c in contacts
        ],
        "conversations": [
            {"uid": v.uid, "contact_uid": contact_uid[v.contact_id],
             "occurred_at": v.occurred_at.isoformat(timespec="minutes"),
             "channel": v.channel.value, "duration_minutes": v.duration_minutes,
             "topics": v.topics, "techniques": v.techniques, "notes": v.notes,
             "temperature": v.temperature.value, "ending": v.ending.value,
             "self_rating": v.self_rating, "follow_up_on": _d(v.follow_up_on),
             "created_at": _dt(v.created_at), "updated_at": _dt(v.updated_at)}
            for v in conversations
        ],
        "observations": [
            {"uid": o.uid, "contact_uid": contact_uid[o.contact_id],
             "dimension_uid": dimension_uid[o.dimension_id], "observed_on": _d(o.observed_on),
             "value": o.value, "evidence": o.evidence,
             "conversation_uid": conversation_uid.get(o.conversation_id),
             "created_at": _dt(o.created_at), "updated_at": _dt(o.updated_at)}
            for o in _pages(lambda n, o: repos.observations.list_all(n, o))
            if o.contact_id in contact_uid
        ],
        "plans": [
            {"uid": p.uid, "contact_uid": contact_uid[p.contact_id], "goal": p.goal,
             "realistic_expectation": p.realistic_expectation, "status": p.status.value,
             "started_on": _d(p.started_on), "review_on": _d(p.review_on),
             "created_at": _dt(p.created_at), "updated_at": _dt(p.updated_at),
             "expected_months": p.expected_months, "shared_values": p.shared_values,
             "topics_to_avoid": p.topics_to_avoid, "techniques": p.techniques,
             "steps": [{"uid": s.uid, "title": s.title, "expectation": s.expectation,
                        "status": s.status.value, "due_on": _d(s.due_on),
                        "done_on": _d(s.done_on)} for s in p.steps]}
            for p in plans if p.contact_id in contact_uid
        ],
        "reminders": [
            {"uid": r.uid, "contact_uid": contact_uid.get(r.contact_id),
             "conversation_uid": conversation_uid.get(r.conversation_id),
             "due_on": _d(r.due_on), "note": r.note, "done_at": _dt(r.done_at),
             "created_at": _dt(r.created_at), "updated_at": _dt(r.updated_at)}
            for r in _pages(lambda n, o: repos.reminders.list_all(n, o))
            if r.contact_id is None or r.contact_id in contact_uid
        ],
        "reflections": [
            {"uid": r.uid, "written_at": _dt(r.written_at), "mood": r.mood, "hard": r.hard,
             "helped": r.helped, "notes": r.notes, "contact_uid": contact_uid.get(r.contact_id),
             "created_at": _dt(r.created_at), "updated_at": _dt(r.updated_at)}
            for r in _pages(lambda n, o: repos.reflections.list(n, o))
        ],
    }
    document["library_marks"] = [
        {"uid": f"article:{m.article_id}", "article_id": m.article_id, "bookmarked": m.bookmarked,
         "progress": m.progress, "note": m.note}
        for m in repos.library_marks.all().values()]
    document["stage_changes"] = [
        {"uid": s.uid, "contact_uid": contact_uid[s.contact_id], "stage": s.stage,
         "evidence": s.evidence, "changed_on": _d(s.changed_on)}
        for cid in contact_uid for s in repos.stage_changes.history(cid)]
    document["prep_sheets"] = [_prep_sheet(s, contact_uid, conversation_uid, dimension_uid, plan_uid)
                               for s in repos.prep_sheets.list_all(limit=1_000_000)
                               if s.contact_id in contact_uid]
    document["strategy_templates"] = [{"uid": uid, "body": body}
                                      for uid, body in repos.strategy_templates.all()]
    document.update(_club(vault))
    for name in SECTIONS:
        document[name].sort(key=lambda r: (r.get("created_at") or "", r["uid"]))
    return document


def _prep_sheet(s, contact_uid, conversation_uid, dimension_uid, plan_uid) -> dict[str, Any]:
    r = s.review
    return {"uid": s.uid, "contact_uid": contact_uid[s.contact_id], "plan_uid": plan_uid.get(s.plan_id),
            "planned_for": _d(s.planned_for), "goal": s.goal, "opening": s.opening,
            "questions": s.questions, "story": s.story,
            "narratives": [{"article_id": n.article_id, "response": n.response} for n in s.narratives],
            "boundary": s.boundary, "exit_line": s.exit_line, "techniques": s.techniques,
            "review": None if r is None else {
                "reviewed_on": _d(r.reviewed_on), "outcome": r.outcome, "versus_plan": r.versus_plan,
                "versus_expectation": r.versus_expectation,
                "dimension_uid": dimension_uid.get(r.dimension_id), "view_before": r.view_before,
                "view_after": r.view_after, "feelings": r.feelings,
                "conversation_uid": conversation_uid.get(r.conversation_id)},
            "created_at": _dt(s.created_at), "updated_at": _dt(s.updated_at)}


def _club(vault: Vault) -> dict[str, list]:
    """The Club's records: cards and packs exactly as imported, signers, the user's practice."""
    import base64

    from commsdesk.club.story_file import card_document

    repos = vault.repos
    with vault.reading() as conn:
        packs = conn.execute("SELECT pack_id, data, imported_on FROM content_packs").fetchall()
        keys = conn.execute("SELECT public_key, label, added_on FROM trusted_keys").fetchall()
    return {
        "club_stories": [
            {"uid": card.id, "card": card_document(card), "source_file": card.source.file_name,
             "imported_on": _d(card.source.imported_on), "club": card.source.club}
            for _rid, card in repos.club_stories.all()],
        "content_packs": [
            {"uid": pack_id, "data": base64.b64encode(bytes(data)).decode("ascii"), "imported_on": on}
            for pack_id, data, on in packs],
        "trusted_keys": [{"uid": bytes(key).hex(), "label": label, "added_on": on}
                         for key, label, on in keys],
        "practice_log": [
            {"uid": e.uid, "kind": e.kind, "item_id": e.item_id,
             "practised_at": _dt(e.practised_at), "role": e.role, "reply": e.reply,
             "ticks": e.ticks, "what_worked": e.what_worked}
            for kind in ("roleplay", "drill") for e in repos.practice.history(kind, limit=1_000_000)],
    }
