"""packaging/deb.py lays out and builds the .deb from a bundle (here a stand-in one)."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
APP_ID = "io.github.parallel_reader.ParallelReader"


def load_deb() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "packaging_deb", PROJECT_DIR / "packaging" / "deb.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "parallel-reader"
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "data.txt").write_text("x")
    program = folder / "parallel-reader"
    program.write_text("#!/bin/sh\necho bundle-ran\n")
    program.chmod(0o700)
    (folder / "install.sh").write_text("#!/bin/sh\n")  # per-user installer: not in the .deb
    (folder / "share").mkdir()
    return folder


def test_debian_version() -> None:
    deb = load_deb()
    assert deb.debian_version("0.1.0") == "0.1.0"
    assert deb.debian_version("0.2.0.dev1") == "0.2.0~dev1"
    assert deb.debian_version("1.0rc2") == "1.0~rc2"


def test_control_file_fields() -> None:
    text = load_deb().control("0.1.0", "amd64", 1234, "libc6 (>= 2.35), libegl1")
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith(" "))
    assert fields["Package"] == "parallel-reader"
    assert fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "1234"
    assert fields["Depends"] == "libc6 (>= 2.35), libegl1"
    assert "<" in fields["Maintainer"] and fields["Maintainer"].endswith(">")
    assert not any("\u0400" <= ch <= "\u04ff" for ch in text)  # English only
    long_lines = [line for line in text.splitlines() if line.startswith(" ")]
    assert long_lines and all(len(line) <= 80 for line in long_lines)


def test_stage_lays_out_opt_bin_share_and_doc(tmp_path: Path, bundle: Path) -> None:
    root = tmp_path / "root"
    load_deb().stage(bundle, root)
    opt = root / "opt" / "parallel-reader"
    assert (opt / "parallel-reader").stat().st_mode & 0o777 == 0o755
    assert (opt / "_internal" / "data.txt").stat().st_mode & 0o777 == 0o644
    assert not (opt / "install.sh").exists() and not (opt / "share").exists()
    link = root / "usr" / "bin" / "parallel-reader"
    assert link.is_symlink() and str(link.readlink()) == "/opt/parallel-reader/parallel-reader"
    share = root / "usr" / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert "License: MIT" in (share / "doc" / "parallel-reader" / "copyright").read_text()


@pytest.mark.skipif(
    sys.platform != "linux" or shutil.which("dpkg-deb") is None, reason="needs dpkg-deb"
)
def test_builds_a_deb_with_the_expected_contents(tmp_path: Path, bundle: Path) -> None:
    deb = load_deb().build_deb(bundle, tmp_path, tmp_path / "work", "0.1.0")
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert deb.name == f"parallel-reader_0.1.0_{arch}.deb"
    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version", "Architecture"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert info.splitlines() == [
        "Package: parallel-reader",
        "Version: 0.1.0",
        f"Architecture: {arch}",
    ]
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "root/root" in contents and " ./opt/parallel-reader/parallel-reader\n" in contents
    assert "./usr/bin/parallel-reader -> /opt/parallel-reader/parallel-reader" in contents
    assert f"./usr/share/applications/{APP_ID}.desktop" in contents
    assert f"./usr/share/metainfo/{APP_ID}.metainfo.xml" in contents
    control = subprocess.run(
        ["dpkg-deb", "--ctrl-tarfile", str(deb)], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(control)) as members:
        names = members.getnames()
    assert not {"./postinst", "./postrm", "./preinst", "./prerm"} & set(names)  # dpkg triggers
