"""Planner: choose a person; set their stage, follow the next steps, keep a strategy, prepare talks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Plan, PlanStatus, PrepSheet
from commsdesk.domain.changes import Change
from commsdesk.i18n import _, current_language
from commsdesk.library.catalog import articles, title
from commsdesk.planner.actions import (
    dismiss_suggestion,
    record_stage,
    save_plan,
    save_prep_sheet,
    save_template,
)
from commsdesk.planner.next_steps import person_suggestions
from commsdesk.planner.prep import likely_narratives, prep_sheet_html
from commsdesk.planner.review import complete_review
from commsdesk.planner.templates import (
    plan_from_template,
    templates,
    user_templates,
)
from commsdesk.storage import errors
from commsdesk.storage.contacts import ContactFilter
from commsdesk.ui.controls import DataCombo, inform
from commsdesk.ui.planner.person_panel import StageBar, SuggestionsBox, TalksList
from commsdesk.ui.planner.prep_dialog import PrepDialog
from commsdesk.ui.planner.review_dialog import ReviewDialog
from commsdesk.ui.planner.strategy import StrategyForm
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import heading, hint, mark_vault_data
from commsdesk.ui.widgets.contacts import ContactsModel, name_filter_field, people_table


class PlannerPage(QWidget):
    # What a reload shows; a dismissed suggestion or a new template refresh their own lists
    # (a reload would put back the strategy form's unsaved text).
    watches = frozenset({Change.CONTACTS, Change.CONVERSATIONS, Change.OBSERVATIONS, Change.STAGES,
                         Change.PLANS, Change.PREP_SHEETS, Change.PACKS})

    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self.contact = None
        self.model = ContactsModel(vault, controller.settings.discreet_mode, self, controller.pages)
        self.name_filter = name_filter_field()
        self.name_filter.textChanged.connect(self._filter)
        self.table = people_table(self.model)
        self.table.hideColumn(ContactsModel.TAGS)
        self.table.hideColumn(ContactsModel.RELATIONSHIP)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(_("Planner")))
        left_layout.addWidget(self.name_filter)
        left_layout.addWidget(self.table, 1)

        self.title = heading("", 2)
        self.empty = hint(_("Choose a person to plan a long, patient path: a realistic goal, the "
                            "stage they are at, the next talk."))
        self.stage_bar = StageBar()
        self.stage_bar.recorded.connect(self._record_stage)
        self.suggestions = SuggestionsBox()
        self.suggestions.read.connect(self.workspace.open_article)
        self.suggestions.dismissed.connect(self._dismiss)
        self.plan_choice = DataCombo(_("Strategy"))
        self.plan_choice.currentIndexChanged.connect(lambda _i: self._choose_plan())
        self.template = DataCombo(_("Template"))
        fill = QPushButton(_("Fill from the template"))
        fill.clicked.connect(self._fill_from_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(fill)
        self.strategy = StrategyForm()
        self.strategy.saved.connect(self._save_plan)
        self.strategy.save_as_template.connect(self._save_template)
        strategy_box = QWidget()
        strategy_layout = QVBoxLayout(strategy_box)
        strategy_layout.addWidget(self.plan_choice)
        strategy_layout.addLayout(template_row)
        strategy_layout.addWidget(self.strategy, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(strategy_box)
        self.talks = TalksList()
        self.talks.prepare.connect(lambda: self._open_prep(None))
        self.talks.open_sheet.connect(self._open_prep)
        self.talks.review.connect(self._open_review)
        self.talks.export_pdf.connect(self._export_pdf)
        self.talks.print_sheet.connect(self._print)
        strategy_tab = QWidget()
        strategy_tab_layout = QVBoxLayout(strategy_tab)
        strategy_tab_layout.setContentsMargins(0, 0, 0, 0)
        strategy_tab_layout.addWidget(scroll, 1)
        strategy_tab_layout.addWidget(self.strategy.buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(strategy_tab, _("Strategy"))
        self.tabs.addTab(self.talks, _("Talks"))
        self.tabs.addTab(self.suggestions, _("Next steps"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(self.stage_bar)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show(None)

    # -- people ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._filter()
        if self.contact is not None:
            self.show_person(self.contact.id)

    def _filter(self) -> None:
        self.model.filter = ContactFilter(name_contains=self.name_filter.text().strip() or None)
        self.model.reload()

    def _row_changed(self, current, _previous) -> None:
        record = self.model.record(current.row())
        if record is not None and (self.contact is None or record.id != self.contact.id):
            self.show_person(record.id)

    def person_in_view(self) -> int | None:
        return self.contact.id if self.contact is not None else None

    def show_person(self, contact_id: int) -> None:
        try:
            contact = self.vault.repos.contacts.get(contact_id)
        except errors.RecordNotFound:
            self._show(None)
            return
        row = self.model.row_of(lambda c: c.id == contact_id)
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._show(contact)

    def person_label(self) -> str:
        if self.contact is None:
            return ""
        if self.controller.settings.discreet_mode:
            return _(self.contact.relationship.label)
        return self.contact.display_name

    def _show(self, contact) -> None:
        self.contact = contact
        for widget in (self.stage_bar, self.tabs):
            widget.setVisible(contact is not None)
        self.empty.setVisible(contact is None)
        self.title.setText(self.person_label())
        if contact is None:
            return
        repos = self.vault.repos
        stage = repos.stage_changes.current(contact.id)
        self.stage_bar.show_stage(stage)
        self._fill_plans()
        self._fill_templates(stage.stage if stage else None)
        self.talks.fill(repos.prep_sheets.for_contact(contact.id))
        self._show_suggestions()

    def _fill_plans(self, chosen: int | None = None) -> None:
        """The person's strategies (the latest active one first chosen) and a new one."""
        plans = self.vault.repos.plans.for_contact(self.contact.id)
        untitled = _("(no goal yet)")
        items = [(f"{p.goal or untitled} · {_(p.status.label)}", p.id) for p in plans]
        self.plan_choice.set_items([*items, (_("A new strategy"), None)])
        active = [p.id for p in plans if p.status == PlanStatus.ACTIVE]
        fallback = active[-1] if active else (plans[-1].id if plans else None)
        self.plan_choice.blockSignals(True)
        self.plan_choice.set_value(chosen if chosen is not None else fallback)
        self.plan_choice.blockSignals(False)
        self._choose_plan()

    def _choose_plan(self) -> None:
        plan_id = self.plan_choice.value()
        plan = (self.vault.repos.plans.get(plan_id) if plan_id is not None
                else Plan(self.contact.id, "", started_on=date.today()))
        self.strategy.load(plan, self._suited(self.vault.repos.stage_changes.current(self.contact.id)))

    def _suited(self, stage) -> set[str]:
        if stage is None:
            return set()
        return {a.id for a in articles(current_language()).values() if stage.stage in a.stages}

    def _fill_templates(self, stage: str | None) -> None:
        found = list(templates(current_language()))
        found.sort(key=lambda t: t.stage != stage)
        mine = user_templates(self.vault.repos.strategy_templates.all())
        mark = "  · " + _("suits the stage")
        items = [(t.title + (mark if t.stage == stage else ""), t)
                 for t in found]
        items += [(_("Mine: {title}").format(title=t.title), t) for t in mine]
        self.template.set_items(items)

    def _show_suggestions(self) -> None:
        found = person_suggestions(self.vault, self.contact.id, date.today(), current_language())
        self.suggestions.show_suggestions(found, lambda a: title(a, current_language()))
        self.tabs.setTabText(2, _("Next steps ({n})").format(n=len(found)) if found
                             else _("Next steps"))

    # -- actions ---------------------------------------------------------------------------
    def _op(self, fn, changes, then=None, failure=None) -> None:
        """Run one change through the operation runner; the sections showing what changed
        (this one included) refresh themselves."""
        op = Operation(fn, changes=changes, parent=self)
        if then is not None:
            op.success(then)
        if failure is not None:
            op.failure(failure)
        op.run(self.controller.tasks)

    def _record_stage(self, stage: str, evidence: str) -> None:
        vault, contact_id = self.vault, self.contact.id
        self._op(lambda: record_stage(vault, contact_id, stage, evidence), {Change.STAGES})

    def _dismiss(self, rule: str) -> None:
        vault, contact_id = self.vault, self.contact.id
        self._op(lambda: dismiss_suggestion(vault, contact_id, rule), {Change.DISMISSALS},
                 lambda _none: self._show_suggestions())

    def _fill_from_template(self) -> None:
        template = self.template.value()
        if template is None or self.contact is None:
            return
        plan = plan_from_template(template, self.contact.id, date.today())
        current = self.strategy.plan
        if current is not None and current.id is not None:
            plan.id, plan.uid, plan.created_at = current.id, current.uid, current.created_at
        stage = self.vault.repos.stage_changes.current(self.contact.id)
        self.strategy.load(plan, self._suited(stage))

    def _save_plan(self, plan: Plan) -> None:
        vault, contact_id = self.vault, self.contact.id

        def saved(stored: Plan) -> None:
            self.strategy.plan = stored
            self._fill_plans(stored.id)

        self._op(lambda: save_plan(vault, contact_id, plan), {Change.PLANS}, saved,
                 lambda exc: self.strategy.show_error(errors.describe(exc)))

    def _save_template(self, plan: Plan) -> None:
        vault, contact_id = self.vault, self.contact.id
        title, language = plan.goal.split(".")[0][:60] or _("My strategy"), current_language()

        def saved(_uid) -> None:
            stage = self.vault.repos.stage_changes.current(contact_id)
            self._fill_templates(stage.stage if stage else None)
            inform(self, _("Template saved"), _("Saved as your own template, without the person's "
                                                "name, region or any dates."))

        self._op(lambda: save_template(vault, plan, contact_id, title, language),
                 {Change.TEMPLATES}, saved)

    # -- talks -----------------------------------------------------------------------------
    def open_sheet(self, sheet_id: int) -> None:
        """Show a prep sheet from search: the person's talks, the sheet open."""
        self.tabs.setCurrentIndex(1)
        self._open_prep(sheet_id)

    def _open_prep(self, sheet_id: int | None) -> None:
        if sheet_id is None:
            plan = self.strategy.plan
            sheet = PrepSheet(self.contact.id, date.today(),
                              plan.id if plan and plan.id else None,
                              techniques=list(plan.techniques) if plan else [])
        else:
            sheet = self.vault.repos.prep_sheets.get(sheet_id)
        likely = likely_narratives(self.vault, self.contact.id, current_language())
        dialog = PrepDialog(self, sheet, self.person_label(), likely)

        vault = self.vault

        def save(edited: PrepSheet) -> None:
            self._store(dialog, lambda: save_prep_sheet(vault, edited), {Change.PREP_SHEETS},
                        lambda: self.tabs.setCurrentIndex(1))

        dialog.saved.connect(save)
        dialog.open()

    def _store(self, dialog, work, changes, then=None) -> None:
        """Run one change for a dialog: its message on failure, else it closes."""
        def done(_result) -> None:
            dialog.accept()
            if then is not None:
                then()

        self._op(work, changes, done, lambda exc: dialog.show_error(errors.describe(exc)))

    def _open_review(self, sheet_id: int) -> None:
        sheet = self.vault.repos.prep_sheets.get(sheet_id)
        dialog = ReviewDialog(self, sheet, self.vault.repos.dimensions.list())

        vault = self.vault

        def save(review, when, temperature, ending) -> None:
            self._store(dialog, lambda: complete_review(vault, sheet, review, when, temperature, ending),
                        {Change.CONVERSATIONS, Change.OBSERVATIONS, Change.PREP_SHEETS})

        dialog.saved.connect(save)
        dialog.open()

    def sheet_html(self, sheet_id: int) -> str:
        sheet = self.vault.repos.prep_sheets.get(sheet_id)
        return prep_sheet_html(sheet, self.person_label(), current_language())

    def _export_pdf(self, sheet_id: int) -> None:
        from commsdesk.ui.reauth import confirm_plaintext

        confirm_plaintext(self.controller, self, lambda: self._choose_pdf(sheet_id))

    def _choose_pdf(self, sheet_id: int) -> None:
        from commsdesk.ui.pdf import choose_pdf_path, write_pdf

        html = self.sheet_html(sheet_id)

        def write(path) -> None:
            try:
                write_pdf(html, path)
            except OSError:
                inform(self, _("Export to PDF"), _("The PDF could not be written there."), True)

        choose_pdf_path(self, _("prep-sheet.pdf"), write)

    def _print(self, sheet_id: int) -> None:
        from commsdesk.ui.pdf import print_html
        from commsdesk.ui.reauth import confirm_plaintext

        # The print dialog can print to a file, too.
        confirm_plaintext(self.controller, self, lambda: print_html(self, self.sheet_html(sheet_id)))
