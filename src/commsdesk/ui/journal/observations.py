"""Quick entry of attitude observations inside the conversation dialog: one row per dimension."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox

from commsdesk.domain import Dimension, Observation
from commsdesk.i18n import _
from commsdesk.storage.observations import BUILTIN_LABELS


def dimension_label(dim: Dimension) -> str:
    return _(BUILTIN_LABELS[dim.key]) if dim.key in BUILTIN_LABELS else dim.name


class ObservationRow:
    def __init__(self, dim: Dimension):
        self.dim = dim
        self.record = QCheckBox(dimension_label(dim))
        self.record.setAccessibleName(_("Record {dimension}").format(dimension=dimension_label(dim)))
        self.value = QSpinBox()
        self.value.setRange(0, 10)
        self.value.setValue(5)
        self.value.setSuffix(" / 10")
        self.value.setAccessibleName(dimension_label(dim))
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(_("Evidence: a quote or what they did"))
        self.evidence.setAccessibleName(_("Evidence for {dimension}").format(
            dimension=dimension_label(dim)))
        self.previous = QLabel()
        self.existing: Observation | None = None
        self.record.toggled.connect(self._enable)
        self.value.valueChanged.connect(lambda _v: self.record.setChecked(True))
        self.evidence.textEdited.connect(lambda _t: self.record.setChecked(True))
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.value.setStyleSheet("" if on else "color: palette(placeholder-text);")


class ObservationsBox(QGroupBox):
    def __init__(self, dimensions: list[Dimension]):
        super().__init__(_("How do they see things now? (optional)"))
        grid = QGridLayout(self)
        grid.setColumnStretch(3, 1)
        hint = QLabel(_("0–10; record only what you noticed in this talk."))
        hint.setWordWrap(True)
        grid.addWidget(hint, 0, 0, 1, 4)
        self.rows = [ObservationRow(dim) for dim in dimensions]
        for i, row in enumerate(self.rows, start=1):
            grid.addWidget(row.record, i, 0)
            grid.addWidget(row.value, i, 1)
            grid.addWidget(row.previous, i, 2)
            grid.addWidget(row.evidence, i, 3)

    def show_previous(self, latest: dict[int, int]) -> None:
        for row in self.rows:
            value = latest.get(row.dim.id)
            row.previous.setText(_("before: {value}").format(value=value) if value is not None
                                 else "")

    def load(self, observations: list[Observation]) -> None:
        by_dim = {o.dimension_id: o for o in observations}
        for row in self.rows:
            obs = by_dim.get(row.dim.id)
            row.existing = obs
            if obs is not None:
                row.value.setValue(obs.value)
                row.evidence.setText(obs.evidence)
            row.record.setChecked(obs is not None)

    def state(self) -> list[dict]:
        return [{"dimension_id": r.dim.id, "value": r.value.value(), "evidence": r.evidence.text()}
                for r in self.rows if r.record.isChecked()]

    def restore(self, state: list[dict]) -> None:
        wanted = {s.get("dimension_id"): s for s in state if isinstance(s, dict)}
        for row in self.rows:
            item = wanted.get(row.dim.id)
            if item is not None:
                row.value.setValue(int(item.get("value", 5)))
                row.evidence.setText(str(item.get("evidence", "")))
            row.record.setChecked(item is not None)
