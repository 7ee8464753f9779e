"""Pages for paper: HTML to PDF with Qt's own writer, and printing; nothing external runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from commsdesk.i18n import _


def document(html: str, images: dict[str, QImage] | None = None) -> QTextDocument:
    doc = QTextDocument()
    font = doc.defaultFont()
    font.setPointSizeF(11)
    doc.setDefaultFont(font)
    for name, image in (images or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(html)
    return doc


def write_pdf(html: str, path: Path, images: dict[str, QImage] | None = None) -> None:
    """Write an A4 PDF; the text stays text (selectable, readable back)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18),
                                     QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    # No title or creator: the file should not name the app that made it.
    writer.setTitle("")
    writer.setCreator("")
    # QTextDocument.print_ lays the text out for the page and scales it to the writer's
    # resolution itself (a page size set in pixels here would shrink the text).
    document(html, images).print_(writer)
    del writer  # closes the file
    if not path.exists() or path.stat().st_size == 0:
        raise OSError("the PDF was not written")


def choose_pdf_path(parent: QWidget, suggested: str, on_chosen) -> QFileDialog:
    from commsdesk.ui.files import choose_file

    return choose_file(parent, _("Save as PDF"), _("PDF files (*.pdf)"), on_chosen, save=True,
                       suggested=suggested, default_suffix="pdf")


def print_html(parent: QWidget, html: str, images: dict[str, QImage] | None = None) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: document(html, images).print_(printer))
    dialog.open()
