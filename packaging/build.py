"""Build the one-folder app bundle and an archive of it.

    python packaging/build.py [--clean]

Produces dist/parallel-reader/ (the app: run dist/parallel-reader/parallel-reader),
dist/parallel-reader-<version>-<os>-<arch>.tar.gz (.zip on Windows; on macOS the archive holds
"Parallel Reader.app") and, on Debian and Ubuntu (where dpkg-deb is), the package
dist/parallel-reader_<version>_<arch>.deb. Needs PyInstaller: pip install '.[package]'.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "parallel-reader.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "parallel-reader"
# The reverse-DNS app ID: names the desktop file, the icons and the AppStream metadata, and is what
# the app passes to QGuiApplication.setDesktopFileName() (so StartupWMClass and the Wayland app_id
# agree with it).
APP_ID = "io.github.parallel_reader.ParallelReader"
LINUX = ROOT / "packaging" / "linux"


def version() -> str:
    text = (ROOT / "reader" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("build.py: no __version__ in reader/__init__.py")
    return match.group(1)


def platform_tag() -> str:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(
        sys.platform, sys.platform
    )
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def require_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        sys.exit(
            "build.py: PyInstaller is not installed in this Python "
            f"({sys.executable}).\n"
            "Install the packaging tools first:  pip install '.[package]'"
        )


def run_pyinstaller(clean: bool) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK}",
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    print("build.py:", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def add_linux_integration(bundle: Path) -> None:
    """Ship install.sh, the desktop file, icons and AppStream metadata inside the bundle."""
    install_share(bundle / "share")
    shutil.copy2(LINUX / "install.sh", bundle / "install.sh")


def install_share(share: Path) -> None:
    """The desktop file, the hicolor icons and the AppStream metadata, in a share/ tree."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(LINUX / "icons", share / "icons", dirs_exist_ok=True)


def make_archive(tag: str) -> Path:
    base = DIST / f"{NAME}-{version()}-{tag}"
    app_bundle = DIST / "Parallel Reader.app"
    source = app_bundle if sys.platform == "darwin" and app_bundle.is_dir() else DIST / NAME
    if sys.platform == "win32":
        archive = base.with_suffix(".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for path in sorted(source.rglob("*")):
                out.write(path, Path(source.name) / path.relative_to(source))
    else:
        archive = base.with_name(base.name + ".tar.gz")
        with tarfile.open(archive, "w:gz", compresslevel=6) as out:
            out.add(source, arcname=source.name)  # symlinks stay symlinks
    return archive


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    parser.add_argument("--no-deb", action="store_true", help="build no .deb package")
    args = parser.parse_args()
    require_pyinstaller()
    started = time.monotonic()
    bundle = DIST / NAME
    if bundle.exists():
        shutil.rmtree(bundle)
    run_pyinstaller(args.clean)
    executable = bundle / (NAME + (".exe" if sys.platform == "win32" else ""))
    if not executable.is_file():
        sys.exit(f"build.py: PyInstaller finished but {executable} is missing")
    if sys.platform.startswith("linux"):
        add_linux_integration(bundle)
    print(f"build.py: bundle {bundle} ({folder_size(bundle) / 1e6:.1f} MB)")
    if not args.no_archive:
        archive = make_archive(platform_tag())
        print(f"build.py: archive {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    if sys.platform.startswith("linux") and not args.no_archive and not args.no_deb:
        if shutil.which("dpkg-deb") is None:
            print("build.py: no dpkg-deb here (not Debian or Ubuntu): no .deb built")
        else:
            sys.path.insert(0, str(ROOT / "packaging"))
            from deb import build_deb

            deb = build_deb(bundle, DIST, ROOT / "build" / "deb", version())
            print(f"build.py: package {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
    print(f"build.py: done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
