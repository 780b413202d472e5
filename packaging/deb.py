"""Build dist/parallel-reader_<version>_<arch>.deb from the one-folder bundle, with dpkg-deb.

    python packaging/deb.py [--bundle dist/parallel-reader]     (build.py calls build_deb())

The package installs
  /opt/parallel-reader/                      the bundle (the executable and _internal/)
  /usr/bin/parallel-reader                   a symlink to /opt/parallel-reader/parallel-reader
  /usr/share/applications/<APP_ID>.desktop   the desktop entry
  /usr/share/icons/hicolor/*/apps/<APP_ID>.* the icons
  /usr/share/metainfo/<APP_ID>.metainfo.xml  the AppStream metadata
  /usr/share/doc/parallel-reader/copyright   the licence

It has no maintainer scripts: the desktop database and the icon cache are refreshed by the dpkg
triggers that desktop-file-utils and hicolor-icon-theme declare on /usr/share/applications and
/usr/share/icons/hicolor. Depends lists the packages of the shared libraries that the bundle links
to but does not carry (PyInstaller bundles the rest, libxcb-cursor and libxkbcommon-x11 among them).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "parallel-reader"
APP_ID = "io.github.parallel_reader.ParallelReader"
LINUX = ROOT / "packaging" / "linux"
MAINTAINER = "Parallel Reader developers <parallel-reader@users.noreply.github.com>"
HOMEPAGE = "https://github.com/parallel-reader/parallel-reader"
DESCRIPTION = """\
reader for archival documents in two languages
 Parallel Reader shows the Russian transcript of a declassified archive
 document beside its English translation, and keeps aligned paragraphs level
 whichever side is scrolled. It has a timeline of documents by date, full-text
 search in both languages, highlights, notes and bookmarks, and archival
 citations ready to copy. It works offline and opens on the Stalin-Mao cables
 of 1951 from the Wilson Center Digital Archive."""

# Where `dpkg -S` cannot tell (a build host without dpkg's database), the Debian 12 package of each
# library the bundle leaves to the system (see SYSTEM_LIBS in parallel-reader.spec).
FALLBACK_PACKAGES = {
    "ld-linux-x86-64.so.2": "libc6",
    "libc.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libm.so.6": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgcc_s.so.1": "libgcc-s1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libstdc++.so.6": "libstdc++6",
    "libuuid.so.1": "libuuid1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb.so.1": "libxcb1",
    "libz.so.1": "zlib1g",
    "libexpat.so.1": "libexpat1",
    "libharfbuzz.so.0": "libharfbuzz0b",
}


def debian_version(version: str) -> str:
    """'0.1.0' -> '0.1.0'; pre-releases sort before the release: '0.2.0.dev1' -> '0.2.0~dev1'."""
    return re.sub(r"[.-]?(dev|a|b|rc)(\d*)$", r"~\1\2", version)


def debian_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _elf_files(bundle: Path) -> list[Path]:
    files = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def _objdump(*args: str) -> str:
    return subprocess.run(["objdump", *args], capture_output=True, text=True, check=True).stdout


def external_libraries(bundle: Path) -> set[str]:
    """The sonames that the bundle's ELF files link to (DT_NEEDED) and that it does not carry."""
    elves = _elf_files(bundle)
    carried = {path.name for path in bundle.rglob("*.so*")}
    needed = set()
    for path in elves:
        for line in _objdump("-p", str(path)).splitlines():
            if line.strip().startswith("NEEDED"):
                needed.add(line.split()[1])
    return needed - carried


def glibc_floor(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version that any of the bundle's files asks for."""
    versions: set[tuple[int, ...]] = set()
    for path in _elf_files(bundle):
        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", _objdump("-T", str(path))):
            versions.add(tuple(int(part) for part in found.split(".")))
    return ".".join(map(str, max(versions))) if versions else None


def package_of(soname: str) -> str:
    """The Debian package that ships `soname` on this system (or in FALLBACK_PACKAGES)."""
    result = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
    for line in result.stdout.splitlines():
        packages, _, path = line.partition(": ")
        if Path(path).name != soname:
            continue
        for package in packages.split(", "):
            name, _, arch = package.partition(":")
            if not name.endswith("-dev") and arch in ("", debian_architecture()):
                return name
    if soname in FALLBACK_PACKAGES:
        return FALLBACK_PACKAGES[soname]
    raise SystemExit(f"deb.py: no Debian package found for {soname}: add it to FALLBACK_PACKAGES")


def depends(bundle: Path) -> str:
    packages = sorted({package_of(soname) for soname in external_libraries(bundle)})
    floor = glibc_floor(bundle)
    return ", ".join(
        f"libc6 (>= {floor})" if name == "libc6" and floor else name for name in packages
    )


def control(version: str, architecture: str, installed_kib: int, depends_line: str) -> str:
    fields = {
        "Package": NAME,
        "Version": debian_version(version),
        "Architecture": architecture,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": depends_line,
        "Section": "text",
        "Priority": "optional",
        "Homepage": HOMEPAGE,
        "Description": DESCRIPTION,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value)


def _normalize_modes(root: Path) -> None:
    """0755 for folders and executables, 0644 for everything else, as Debian expects."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path.stat().st_mode & 0o111:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under `root` (without DEBIAN/)."""
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / NAME
    # The per-user installer and its share/ copy have no place in a system package.
    shutil.copytree(
        bundle,
        opt,
        symlinks=True,
        ignore=lambda folder, names: (
            {"install.sh", "share"} & set(names) if Path(folder) == bundle else set()
        ),
    )
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(LINUX / "icons", share / "icons")
    doc = share / "doc" / NAME
    doc.mkdir(parents=True)
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {NAME}\nSource: {HOMEPAGE}\n\n"
        "Files: *\nCopyright: Parallel Reader developers\nLicense: MIT\n"
        + "".join(f" {line}\n" if line.strip() else " .\n" for line in licence.splitlines()),
        encoding="utf-8",
    )
    _normalize_modes(root)


def build_deb(bundle: Path, dist: Path, work: Path, version: str) -> Path:
    architecture = debian_architecture()
    root = work / "root"
    stage(bundle, root)
    installed = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN").chmod(0o755)  # dpkg-deb insists, whatever the umask of the build
    (root / "DEBIAN" / "control").write_text(
        control(version, architecture, -(-installed // 1024), depends(bundle)), encoding="utf-8"
    )
    (root / "DEBIAN" / "control").chmod(0o644)
    deb = dist / f"{NAME}_{debian_version(version)}_{architecture}.deb"
    deb.unlink(missing_ok=True)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True
    )
    return deb


def main() -> int:
    sys.path.insert(0, str(ROOT / "packaging"))
    from build import DIST, version

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, default=DIST / NAME)
    args = parser.parse_args()
    deb = build_deb(args.bundle, DIST, ROOT / "build" / "deb", version())
    print(f"deb.py: {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
