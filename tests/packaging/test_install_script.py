"""packaging/linux/install.sh installs a bundle for the current user, and --uninstall removes it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
INSTALL = PROJECT_DIR / "packaging" / "linux" / "install.sh"
APP_ID = "io.github.parallel_reader.ParallelReader"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A stand-in bundle: an executable, like dist/parallel-reader/ without the weight."""
    folder = tmp_path / "dist" / "parallel-reader"
    (folder / "_internal").mkdir(parents=True)
    program = folder / "parallel-reader"
    program.write_text("#!/bin/sh\necho bundle-ran\n")
    program.chmod(0o755)
    return folder


def run_install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PATH="/usr/bin:/bin")
    return subprocess.run(
        ["sh", str(INSTALL), *args], env=env, capture_output=True, text=True, check=True
    )


def test_installs_app_link_desktop_file_and_icons(tmp_path: Path, bundle: Path) -> None:
    home = tmp_path / "home"
    run_install(home, "--bundle", str(bundle))
    opt = home / ".local" / "opt" / "parallel-reader"
    assert (opt / "parallel-reader").is_file()
    link = home / ".local" / "bin" / "parallel-reader"
    assert link.is_symlink() and link.resolve() == (opt / "parallel-reader").resolve()
    desktop = (home / f".local/share/applications/{APP_ID}.desktop").read_text()
    assert f"Exec={opt}/parallel-reader %F" in desktop.splitlines()
    assert f"TryExec={opt}/parallel-reader" in desktop.splitlines()
    assert f"Icon={APP_ID}" in desktop.splitlines()
    assert f"StartupWMClass={APP_ID}" in desktop.splitlines()
    for size in (16, 48, 256, 512):
        assert (home / f".local/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (home / f".local/share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert (home / f".local/share/metainfo/{APP_ID}.metainfo.xml").is_file()
    result = subprocess.run([str(link)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "bundle-ran"


def test_reinstall_replaces_and_uninstall_removes_all_but_user_data(
    tmp_path: Path, bundle: Path
) -> None:
    home = tmp_path / "home"
    user_data = home / ".local/share/parallel-reader"
    user_data.mkdir(parents=True)
    (user_data / "notes.sqlite").write_text("keep me")
    run_install(home, "--bundle", str(bundle))
    (bundle / "new-file").write_text("x")
    run_install(home, "--bundle", str(bundle))
    assert (home / ".local/opt/parallel-reader/new-file").exists()

    run_install(home, "--uninstall")
    assert not (home / ".local/opt/parallel-reader").exists()
    assert not (home / ".local/bin/parallel-reader").exists()
    assert not (home / f".local/share/applications/{APP_ID}.desktop").exists()
    assert not list((home / ".local/share/icons").rglob(f"{APP_ID}.*"))
    assert not (home / f".local/share/metainfo/{APP_ID}.metainfo.xml").exists()
    assert (user_data / "notes.sqlite").read_text() == "keep me"


def test_refuses_without_a_built_bundle(tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError) as error:
        run_install(tmp_path / "home", "--bundle", str(tmp_path / "nothing"))
    assert "build it: python packaging/build.py" in error.value.stderr


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs sh")
def test_script_is_valid_posix_sh() -> None:
    subprocess.run(["sh", "-n", str(INSTALL)], check=True)


def test_install_replaces_files_of_a_release_before_the_app_id(
    tmp_path: Path, bundle: Path
) -> None:
    home = tmp_path / "home"
    old_desktop = home / ".local/share/applications/parallel-reader.desktop"
    old_icon = home / ".local/share/icons/hicolor/48x48/apps/parallel-reader.png"
    for old in (old_desktop, old_icon):
        old.parent.mkdir(parents=True, exist_ok=True)
        old.write_text("old")
    run_install(home, "--bundle", str(bundle))
    assert not old_desktop.exists() and not old_icon.exists()
    assert (home / f".local/share/applications/{APP_ID}.desktop").is_file()
