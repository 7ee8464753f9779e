"""Qt's own strings (standard buttons, file and print dialogs) in the app's language.

Qt's `qtbase_ru` catalogue is older than the Qt it ships with: Qt 6 gave some labels of its
file dialog a mnemonic ("Look in:" became "&Look in:", "Files of type:" "Files of &type:") and
moved the file types ("Folder", "%1 File") from the "QFileDialog" context to
"QAbstractFileIconProvider". A catalogue looks strings up exactly, so those stayed English in an
otherwise Russian dialog. `QtCatalog` asks the catalogue again for the string without its
mnemonic and in its old context, and knows the few strings it lacks altogether.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_INSTALLED: dict[str, QTranslator] = {}
_MNEMONIC = re.compile(r"&(?!&)")

OLD_CONTEXTS = {"QAbstractFileIconProvider": "QFileDialog"}

# Strings the Russian catalogue does not have in any form, or keeps in Latin letters.
MISSING_RU = {
    ("QPrintSettingsOutput", "Page &Set:"): "&Набор страниц:",
    ("QPlatformTheme", "OK"): "ОК",  # Cyrillic, as Russian desktops write it
}


class QtCatalog(QTranslator):
    """`qtbase_<lang>`, with the mnemonic and context gaps above filled."""

    def __init__(self, parent=None, missing: dict[tuple[str, str], str] | None = None):
        super().__init__(parent)
        self.missing = missing or {}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if (context, source) in self.missing:
            return self.missing[context, source]
        found = super().translate(context, source, disambiguation, n)
        if found or not source:
            return found
        old_context = OLD_CONTEXTS.get(context)
        if old_context is not None:
            found = super().translate(old_context, source, disambiguation, n)
            if found:
                return found
        if "&" in source:
            bare = super().translate(context, _MNEMONIC.sub("", source), disambiguation, n)
            if bare:
                return "&" + bare
        return ""


def install(app: QApplication, language: str) -> QTranslator | None:
    """Qt's locale and catalogue for `language` ("ru" or "en"); replaces the one before."""
    # Locale names, not QLocale.Language: that enum has hundreds of members to build at start-up.
    QLocale.setDefault(QLocale("ru_RU" if language == "ru" else "en_US"))
    old = _INSTALLED.pop("qtbase", None)
    if old is not None:
        app.removeTranslator(old)
        old.deleteLater()
    if language != "ru":
        return None
    translator = QtCatalog(app, MISSING_RU)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale("ru_RU"), "qtbase", "_", path):
        app.installTranslator(translator)
        _INSTALLED["qtbase"] = translator
        return translator
    return None


def installed() -> QTranslator | None:
    return _INSTALLED.get("qtbase")
