"""The packaging files: icons in every size, desktop entry, AppStream data, version info, build script."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage, QImageReader

from reader import __version__

PROJECT_DIR = Path(__file__).resolve().parents[2]
PACKAGING = PROJECT_DIR / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.parallel_reader.ParallelReader"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
DESKTOP = LINUX / f"{APP_ID}.desktop"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_linux_icon_sizes(size: int) -> None:
    image = QImage(str(LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_linux_files_are_named_after_the_app_id() -> None:
    names = {p.name for p in (LINUX / "icons").rglob("*") if p.is_file()}
    assert names == {f"{APP_ID}.png", f"{APP_ID}.svg"}
    assert DESKTOP.is_file() and METAINFO.is_file()
    assert not list(LINUX.glob("parallel-reader.desktop"))


def test_scalable_icon_is_the_resource_svg() -> None:
    scalable = LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    resource = PROJECT_DIR / "resources" / "icons" / "parallel-reader.svg"
    assert scalable.read_bytes() == resource.read_bytes()


def test_windows_ico_holds_every_size_up_to_256() -> None:
    data = (PACKAGING / "windows" / "parallel-reader.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sides = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sides
    reader = QImageReader(str(PACKAGING / "windows" / "parallel-reader.ico"))
    assert reader.imageCount() == count


def test_macos_icns_chunks_are_pngs() -> None:
    data = (PACKAGING / "macos" / "parallel-reader.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    position, kinds = 8, set()
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert data[position + 8 : position + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.add(kind)
        position += length
    assert position == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds


def desktop_entry() -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    return entry["Desktop Entry"]


# The freedesktop menu spec's main categories: an entry with two shows up twice in some menus.
MAIN_CATEGORIES = {
    "AudioVideo",
    "Audio",
    "Video",
    "Development",
    "Education",
    "Game",
    "Graphics",
    "Network",
    "Office",
    "Science",
    "Settings",
    "System",
    "Utility",
}


def test_desktop_entry() -> None:
    section = desktop_entry()
    assert section["Type"] == "Application"
    assert section["Name"] == "Parallel Reader"
    assert section["Icon"] == APP_ID
    assert section["StartupWMClass"] == APP_ID
    assert section["Exec"].split()[0] == "parallel-reader"
    assert section["TryExec"] == "parallel-reader"
    assert section["Terminal"] == "false"


def test_desktop_entry_has_one_main_category() -> None:
    categories = set(desktop_entry()["Categories"].strip(";").split(";"))
    assert categories & MAIN_CATEGORIES == {"Office"}


def test_desktop_entry_claims_no_generic_mime_type() -> None:
    """It once claimed text/plain and became the default app for every text file."""
    mime_types = [m for m in desktop_entry().get("MimeType", "").split(";") if m]
    assert not [m for m in mime_types if not m.startswith("application/x-parallel-reader")]


def test_desktop_entry_has_natural_russian_entries() -> None:
    section = desktop_entry()
    for key in ("Name[ru]", "GenericName[ru]", "Comment[ru]", "Keywords[ru]"):
        assert re.search("[а-яё]", section[key], re.IGNORECASE), key
    assert len(section["Name[ru]"]) <= 25
    assert section["Name[ru]"] == "Параллельное чтение"


def test_desktop_entry_validates() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""  # not even a hint


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_metainfo_names_the_desktop_file_and_this_version() -> None:
    root = metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("icon") == APP_ID
    assert root.findtext("project_license") == "MIT"
    assert __version__ in [release.get("version") for release in root.iter("release")]
    assert [c.text for c in root.iter("category")] == ["Office"]


def test_metainfo_has_russian_name_summary_and_caption() -> None:
    root = metainfo()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("name", "summary", "caption"):
        russian = [e.text or "" for e in root.iter(tag) if e.get(lang) == "ru"]
        assert len(russian) == 1 and re.search("[а-яё]", russian[0], re.IGNORECASE), tag


def test_metainfo_captions_and_summaries_are_short() -> None:
    for element in [*metainfo().iter("caption"), *metainfo().iter("summary")]:
        assert len(element.text or "") <= 50, element.text


def test_metainfo_validates() -> None:
    appstreamcli = shutil.which("appstreamcli")
    if appstreamcli is None:
        pytest.skip("appstreamcli is not installed")
    result = subprocess.run(
        [appstreamcli, "validate", "--pedantic", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Allowed: the upper-case letters of the ID (Flathub's own IDs have them) and, with an
    # AppStream older than 1.0, not knowing the <developer> tag that 1.0 asks for.
    issues = re.findall(r"^[EWIP]: \S+: (\S+)", result.stdout, re.M)
    assert set(issues) <= {"cid-contains-uppercase-letter", "unknown-tag"}, result.stdout


def test_windows_version_info_and_macos_plist_carry_this_version() -> None:
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(part) for part in __version__.split("."))
    assert f"filevers=({', '.join(map(str, numbers))}, 0)" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    import plistlib

    with open(PACKAGING / "macos" / "Info.plist", "rb") as handle:
        plist = plistlib.load(handle)
    assert plist["CFBundleExecutable"] == "parallel-reader"
    assert plist["CFBundleIconFile"] == "parallel-reader.icns"


def test_build_script_asks_for_the_package_extra_without_pyinstaller(monkeypatch, capsys) -> None:
    build = load_script("build")
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        build.importlib.util,
        "find_spec",
        lambda name, *args: None if name == "PyInstaller" else real_find_spec(name, *args),
    )
    with pytest.raises(SystemExit) as exit_info:
        build.require_pyinstaller()
    assert "pip install '.[package]'" in str(exit_info.value)


def test_archive_name_is_platform_aware() -> None:
    build = load_script("build")
    tag = build.platform_tag()
    expected_os = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform)
    assert tag.startswith(f"{expected_os}-")
    assert build.version() == __version__


def test_build_script_and_deb_agree_on_the_app_id() -> None:
    assert load_script("build").APP_ID == APP_ID
    assert load_script("deb").APP_ID == APP_ID
