"""The interface language: our translations and Qt's own, installed once at start.

``resources/translations/`` holds the sources (``parallel-reader_ru.ts``, and
``parallel-reader_en.ts`` with only the English plural forms) and the ``.qm`` files built from them
with ``pyside6-lrelease``; both are committed, so a clone runs without a build step. Qt's own
strings (the buttons of the standard dialogs, the context menu of a text field) come from
``qtbase_ru.qm``: the bundle carries a copy beside ours, an installed PySide6 has it in Qt's
translations folder.

The language is the reader's choice in Preferences ("en", "ru") or the system's ("system"); a
change takes effect at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from reader.models.display_text import set_display_language
from reader.paths import resources_dir

APP_CATALOG = "parallel-reader"
INTERFACE_LANGUAGES = ("en", "ru")


def translations_dir() -> Path:
    return resources_dir() / "translations"


def qt_translations_dirs() -> list[Path]:
    """Where ``qtbase_ru.qm`` may be: beside ours (the bundle), then Qt's own folder."""
    qt = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return [translations_dir(), *([Path(qt)] if qt else [])]


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """ "en" or "ru" for a Preferences setting ("system", "en", "ru")."""
    if setting in INTERFACE_LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    return "ru" if locale.language() == QLocale.Language.Russian else "en"


def _load(app: QCoreApplication, name: str, folders: list[Path]) -> QTranslator | None:
    translator = QTranslator(app)  # parented: it lives as long as the application
    for folder in folders:
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            return translator
    translator.deleteLater()
    return None


def install_translators(app: QCoreApplication, setting: str = "system") -> str:
    """Install the translators for ``setting``; the language it resolved to ("en" or "ru").

    English needs a translator too, for its plural forms ("1 document", "2 documents"). Russian
    comes with Qt's ``qtbase_ru``, and the window then writes dates the Russian way.
    """
    for old in app.findChildren(QTranslator, options=Qt.FindChildOption.FindDirectChildrenOnly):
        app.removeTranslator(old)
        old.deleteLater()
    language = resolve_language(setting)
    _load(app, f"{APP_CATALOG}_en", [translations_dir()])
    if language != "en":
        _load(app, f"qtbase_{language}", qt_translations_dirs())
        _load(app, f"{APP_CATALOG}_{language}", [translations_dir()])
        QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    else:
        QLocale.setDefault(QLocale.system())
    set_display_language(language)
    return language
