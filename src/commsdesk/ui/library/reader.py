"""Reading one article: the text styled for long reading, the user's marks, related articles,
and, for a technique, how the user's own conversations with it went."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain.changes import Change
from commsdesk.i18n import _, current_language, format_date, ngettext
from commsdesk.library.articles import rendered
from commsdesk.library.catalog import ArticleInfo, articles
from commsdesk.library.marks import save_mark
from commsdesk.library.record import track_record
from commsdesk.ui.controls import confirm
from commsdesk.ui.library.labels import kind_label, tag_label
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import heading, hint, mark_vault_data
from commsdesk.ui.widgets.browser import SafeBrowser, reading_css

ID_ROLE = Qt.ItemDataRole.UserRole


class ArticleReader(QWidget):
    open_article = Signal(str)
    open_conversation = Signal(int)
    marks_changed = Signal()

    def __init__(self, controller, vault, packs=None):
        super().__init__()
        mark_vault_data(self)  # it shows the user's notes and conversations
        self.controller, self.vault = controller, vault
        self._packs = packs  # returns the Library's current PackShelf
        self.info: ArticleInfo | None = None
        self.title = heading("", 2)
        self.meta = hint("")
        self.bookmark = QPushButton(_("Bookmark"))
        self.bookmark.setCheckable(True)
        self.bookmark.toggled.connect(self._save_mark)
        self.browser = SafeBrowser()
        self.browser.setAccessibleName(_("Article"))
        self.browser.anchorClicked.connect(self._link)
        self.browser.document().setDefaultStyleSheet(reading_css(controller.settings.theme))
        self.browser.setViewportMargins(12, 6, 12, 6)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(1500)
        self._progress_timer.timeout.connect(self._save_mark)
        self.browser.verticalScrollBar().valueChanged.connect(
            lambda _v: self._progress_timer.start())

        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(_("My note on this article"))
        self.note.setPlaceholderText(_("Your own note: what you want to try, with whom…"))
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 5 + 12)
        self.save_note = QPushButton(_("Save note"))
        self.save_note.clicked.connect(self._save_mark)
        self.related = QListWidget()
        self.related.setAccessibleName(_("Related articles"))
        self.related.itemActivated.connect(
            lambda item: self.open_article.emit(item.data(ID_ROLE)))
        self.record_label = QLabel()
        self.record_label.setWordWrap(True)
        self.record_list = QListWidget()
        self.record_list.setAccessibleName(_("My conversations with this technique"))
        self.record_list.itemActivated.connect(
            lambda item: self.open_conversation.emit(item.data(ID_ROLE)))

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.bookmark)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("My note")))
        side_layout.addWidget(self.note)
        side_layout.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignRight)
        side_layout.addWidget(QLabel(_("Related")))
        side_layout.addWidget(self.related)
        self.record_title = QLabel(_("My conversations with this technique"))
        side_layout.addWidget(self.record_title)
        side_layout.addWidget(self.record_label)
        side_layout.addWidget(self.record_list)
        splitter = QSplitter()
        splitter.addWidget(self.browser)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        self.related.setWordWrap(True)
        self.record_list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.meta)
        layout.addWidget(splitter, 1)

    def show_article(self, info: ArticleInfo) -> None:
        if self.info is not None:
            self._save_mark()
        self.info = info
        language = current_language()
        shelf = self._packs() if self._packs else None
        from_pack = shelf is not None and info.id in shelf.infos
        self.title.setText(info.title)
        meta = [kind_label(info.kind), ngettext(
            "{n} minute", "{n} minutes", info.reading_minutes).format(n=info.reading_minutes),
            ", ".join(tag_label(t) for t in info.tags)]
        if from_pack:
            meta.insert(0, _("From the pack “{pack}”").format(pack=shelf.pack_titles[info.id]))
        self.meta.setText(" · ".join(meta))
        self.browser.setHtml(shelf.html(info.id) if from_pack else rendered(info.id, language))
        mark = self.vault.repos.library_marks.get(info.id)
        self.bookmark.blockSignals(True)
        self.bookmark.setChecked(mark.bookmarked)
        self.bookmark.blockSignals(False)
        self.note.setPlainText(mark.note)
        bar = self.browser.verticalScrollBar()
        QTimer.singleShot(0, lambda: bar.setValue(int(mark.progress * bar.maximum())))
        self.related.clear()
        catalog = {**articles(language), **(shelf.infos if shelf else {})}
        for related in info.related:
            if related in catalog:
                item = QListWidgetItem(catalog[related].title, self.related)
                item.setData(ID_ROLE, related)
        self._show_record(info)

    def _show_record(self, info: ArticleInfo) -> None:
        is_technique = info.kind == "technique"
        for widget in (self.record_title, self.record_label, self.record_list):
            widget.setVisible(is_technique)
        self.record_list.clear()
        if not is_technique:
            return
        record = track_record(self.vault, info.id)
        if not record.count:
            self.record_label.setText(_("You have not logged a conversation with this technique "
                                        "yet. Tick it in “Log a conversation”."))
            return
        parts = [ngettext("{n} conversation", "{n} conversations", record.count).format(
            n=record.count)]
        if record.average_rating is not None:
            parts.append(_("your average rating {rating:.1f} of 5").format(
                rating=record.average_rating))
        warm = sum(n for ending, n in record.endings.items() if ending.value in ("warm", "neutral"))
        said = sum(record.endings.values())  # talks whose ending was not said are left out
        if said:
            # Russian agrees the verb and the noun with {warm}: «закончился 1 разговор из 5».
            parts.append(ngettext("{warm} of {total} ended warmly or calmly",
                                  "{warm} of {total} ended warmly or calmly", warm).format(
                warm=warm, total=said))
        self.record_label.setText("; ".join(parts) + ".")
        names = self.vault.repos.contacts.names([v.contact_id for v in record.recent])
        discreet = self.controller.settings.discreet_mode
        for talk in record.recent:
            text = (f"{format_date(talk.occurred_at.date(), 'medium')} · "
                    f"{'•••' if discreet else names.get(talk.contact_id, '')}"
                    + (f" · {_(talk.temperature.label)}" if talk.temperature else ""))
            item = QListWidgetItem(text, self.record_list)
            item.setData(ID_ROLE, talk.id)

    def _save_mark(self, *_args) -> None:
        if self.info is None or self.vault.read_only:  # changes are off: scrolling says nothing
            return
        bar = self.browser.verticalScrollBar()
        progress = bar.value() / bar.maximum() if bar.maximum() else 1.0
        vault, article_id = self.vault, self.info.id
        bookmarked, note = self.bookmark.isChecked(), self.note.toPlainText()

        def saved(changed: bool) -> None:
            if changed:
                self.marks_changed.emit()

        Operation(lambda: save_mark(vault, article_id, bookmarked, progress, note),
                  changes=lambda changed: {Change.LIBRARY_MARKS} if changed else (),
                  parent=self).success(saved).run(self.controller.tasks)

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("", "about") and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
            return
        if url.scheme() not in ("http", "https", "mailto"):
            return
        address = url.toString()
        confirm(self, _("Open a page on the internet?"), _(
            "This link leads outside CommsDesk, to {address}. Your web browser will open it and "
            "go online; CommsDesk itself stays offline.").format(address=address),
            lambda: QDesktopServices.openUrl(url), _("Open in the browser"))
