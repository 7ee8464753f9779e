"""Qt's own dialogs speak Russian: every label, button, tool tip, list header, combo item and
context-menu entry of the file chooser, message boxes, the print dialog and text fields."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from commsdesk import i18n
from commsdesk.ui import qt_i18n
from commsdesk.ui.files import choose_file

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_in(text: str) -> list[str]:
    """Latin words in what Qt shows, leaving out paths and the file patterns of our filters."""
    text = text.split("\t")[0]  # a menu entry's keys ("Копировать\tCtrl+C")
    text = re.sub(r"\([^)]*\)", "", text.replace("&", ""))  # "(*.json)"
    return [] if text.startswith("/") else LATIN_WORD.findall(text)


def shown_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QAbstractButton):
            texts += [widget.text(), widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(i, Qt.Orientation.Horizontal) or "")
                      for i in range(model.columnCount())]
        texts += [action.text() for action in widget.actions()]
    return texts


def english(root: QWidget) -> list[str]:
    return [text for text in shown_texts(root) if english_in(text)]


@pytest.fixture
def russian(qapp):
    i18n.set_language("ru")
    qt_i18n.install(qapp, "ru")
    yield
    qt_i18n.install(qapp, "en")
    i18n.set_language("en")


@pytest.mark.parametrize("save", [False, True])
def test_the_file_chooser_is_russian(qtbot, russian, tmp_path, save):
    (tmp_path / "folder").mkdir()
    (tmp_path / "vault.commsdesk").write_bytes(b"x")
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = choose_file(parent, "Экспорт хранилища", ["Хранилища (*.commsdesk)", "Все файлы (*)"],
                         lambda _path: None, save=save, suggested=tmp_path)
    view = dialog.findChild(QAbstractItemView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) >= 2)  # the folder listed
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Перейти к:", "&Типы файлов:"} <= labels
    assert english(dialog) == []
    kinds = {model.data(model.index(row, 2, view.rootIndex()))
             for row in range(model.rowCount(view.rootIndex()))}
    assert "Папка" in kinds and not any(english_in(kind or "") for kind in kinds)
    dialog.reject()


def test_message_boxes_and_button_rows_are_russian(qtbot, russian):
    buttons = (QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
               | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
               | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Close)
    box = QMessageBox(QMessageBox.Icon.Question, "Вопрос", "Сохранить изменения?", buttons)
    qtbot.addWidget(box)
    assert english(box) == []
    row = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(row)
    assert english(row) == []
    assert row.button(QDialogButtonBox.StandardButton.Ok).text() == "ОК"


def test_the_print_dialog_is_russian(qtbot, russian):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    assert english(dialog) == []


def test_a_text_fields_context_menu_is_russian(qtbot, russian):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setText("текст")
    menu = field.createStandardContextMenu()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts and not [t for t in texts if english_in(t)]
    menu.deleteLater()


def test_switching_languages_back_and_forth_keeps_qt_in_step(qtbot, qapp):
    try:
        for language, look_in in (("ru", "&Перейти к:"), ("en", "&Look in:"), ("ru", "&Перейти к:")):
            qt_i18n.install(qapp, language)
            dialog = choose_file(None, "x", "*", lambda _path: None)
            assert look_in in {label.text() for label in dialog.findChildren(QLabel)}
            dialog.reject()
        assert len([t for t in [qt_i18n.installed()] if t is not None]) == 1
        assert QApplication.translate("QFileDialog", "&Look in:") == "&Перейти к:"
    finally:
        qt_i18n.install(qapp, "en")
