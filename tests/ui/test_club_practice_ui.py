"""The Club's Practice and Meeting kit tabs driven as a user would: a role-play round saved with
what the observer ticked, drills answered and skipped, and an agenda exported to PDF."""

from PySide6.QtWidgets import QFileDialog

from commsdesk.club import drills as drill_data
from commsdesk.club import meetings, roleplay
from commsdesk.ui.club.meeting_kit import MeetingKitTab
from commsdesk.ui.club.practice import PracticeTab
from conftest import button, click, pdf_text, settled, type_text


def practice(qtbot, unlocked, tab: int) -> PracticeTab:
    page = PracticeTab(unlocked, unlocked.vault)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.tabs.setCurrentIndex(tab)
    return page


def test_a_role_play_round_is_saved_with_the_observers_ticks(qtbot, unlocked):
    page = practice(qtbot, unlocked, 0)
    view = page.roleplay
    card = roleplay.cards("en")[2]
    view.choose(card.id)
    assert view.title.text() == card.title
    assert "Who this person is" in view.browser.toPlainText()
    checklist = roleplay.observer_checklist(card.id, "en")
    boxes = view.round.checklist.boxes
    assert len(boxes) == len(checklist) >= 2
    click(qtbot, boxes[0])
    click(qtbot, boxes[2])
    view.round.role.set_value("observer")
    type_text(qtbot, view.round.what_worked, "Вопрос про сына сработал")
    click(qtbot, button(page, "Save to my practice log"))
    settled(qtbot, unlocked)

    [entry] = unlocked.vault.repos.practice.history("roleplay")
    assert entry.item_id == card.id and entry.role == "observer"
    assert entry.ticks == [checklist[0], checklist[2]]
    assert entry.what_worked == "Вопрос про сына сработал"
    assert "Вопрос про сына сработал" in view.log.item(0).text()
    assert "Observer" in view.log.item(0).text()
    assert not any(box.isChecked() for box in view.round.checklist.boxes)


def test_the_relatives_part_can_be_hidden_from_the_communicator(qtbot, unlocked):
    page = practice(qtbot, unlocked, 0)
    view = page.roleplay
    card = roleplay.cards("en")[0]
    view.choose(card.id)
    notes = roleplay.section(card.id, "player-notes", "en").splitlines()[0].lstrip("- ")[:30]
    assert notes in view.browser.toPlainText()
    click(qtbot, view.hide_relative)
    assert notes not in view.browser.toPlainText()
    assert "Who this person is" in view.browser.toPlainText()


def test_a_drill_reply_is_saved_and_the_next_line_shown(qtbot, unlocked):
    page = practice(qtbot, unlocked, 1)
    view = page.drills
    first = view.drill
    assert first is not None and view.card.line.text()
    assert not view.examples.isVisible()
    assert not view.save_button.isEnabled()  # nothing written yet
    type_text(qtbot, view.reply, "Мам, а что тебя в этом больше всего тревожит?")
    click(qtbot, button(page, "Show examples"))
    assert view.examples.isVisible()
    assert len(view.examples.shown) == len(first.examples) >= 3
    assert all(label.isVisible() for label in view.examples.shown)
    click(qtbot, view.examples.checks.boxes[1])
    click(qtbot, button(page, "Save and next"))
    settled(qtbot, unlocked)

    [entry] = unlocked.vault.repos.practice.history("drill")
    assert entry.item_id == first.id
    assert entry.reply == "Мам, а что тебя в этом больше всего тревожит?"
    assert entry.ticks == [drill_data.checklist("en")[1].id]
    assert view.drill.id != first.id and not view.reply.toPlainText()
    assert not view.examples.isVisible()
    assert "You have practised 1 line" in view.count.text()


def test_skip_moves_on_without_saving(qtbot, unlocked):
    page = practice(qtbot, unlocked, 1)
    view = page.drills
    seen = {view.drill.id}
    for _round in range(3):
        click(qtbot, view.skip_button)
        assert view.drill.id not in seen
        seen.add(view.drill.id)
    assert unlocked.vault.repos.practice.history("drill") == []


def test_the_narrative_filter_keeps_to_one_narrative(qtbot, unlocked):
    page = practice(qtbot, unlocked, 1)
    view = page.drills
    narrative = "narrative-everything-is-fake"
    assert view.narrative.set_value(narrative)
    wanted = {d.id for d in drill_data.drills("en") if narrative in d.articles}
    assert len(wanted) >= 2
    shown = set()
    for _round in range(len(wanted) + 2):
        assert view.drill.id in wanted
        shown.add(view.drill.id)
        click(qtbot, view.skip_button)
    assert shown == wanted
    view.narrative.setCurrentIndex(0)  # any narrative again
    assert view.drill is not None


def test_earlier_replies_to_a_line_are_listed(qtbot, unlocked):
    from datetime import datetime

    from commsdesk.storage.club import PracticeEntry

    first = drill_data.drills("en")[0]
    unlocked.vault.repos.practice.add(PracticeEntry("drill", first.id, datetime(2026, 1, 5, 10),
                                                    reply="Earlier reply"))
    page = practice(qtbot, unlocked, 1)
    view = page.drills
    view.show_drill(first)
    assert view.earlier.isVisible() and "Earlier reply" in view.earlier.item(0).text()


def test_the_meeting_kit_exports_the_agenda_to_pdf(qtbot, unlocked, tmp_path):
    page = MeetingKitTab(unlocked, unlocked.vault)
    qtbot.addWidget(page)
    page.show()
    agenda = meetings.agendas("en")[1]
    page.agenda.set_value(agenda.id)
    assert agenda.title in page.preview.toPlainText()
    pdf = tmp_path / "agenda.pdf"
    click(qtbot, button(page, "Export to PDF…"))
    chooser = page.findChild(QFileDialog)
    chooser.selectFile(str(pdf))
    chooser.accept()
    assert pdf.exists()
    text = pdf_text(pdf)
    assert agenda.title in text
