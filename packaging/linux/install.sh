#!/bin/sh
# Install the Parallel Reader bundle for the current user, so it appears in the application menu.
#
#   ./install.sh                 install (or update) from the bundle this script sits in,
#                                or from dist/parallel-reader in a source checkout
#   ./install.sh --bundle DIR    install from the bundle folder DIR
#   ./install.sh --uninstall     remove what an install put in place (user data is kept)
#
# Puts the app in ~/.local/opt/parallel-reader, a link in ~/.local/bin, the desktop file in
# ~/.local/share/applications, the icons in ~/.local/share/icons/hicolor and the AppStream
# metadata in ~/.local/share/metainfo. No root needed.
set -eu

APP=parallel-reader
# The app ID names the desktop file, the icons and the AppStream metadata (and StartupWMClass).
APP_ID=io.github.parallel_reader.ParallelReader
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
OPT_DIR=$HOME/.local/opt/$APP
BIN_DIR=$HOME/.local/bin
APPS_DIR=$DATA_HOME/applications
ICONS_DIR=$DATA_HOME/icons/hicolor
METAINFO_DIR=$DATA_HOME/metainfo
HERE=$(cd "$(dirname "$0")" && pwd)

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPS_DIR" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS_DIR/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$ICONS_DIR" || true
    fi
    touch "$ICONS_DIR" 2>/dev/null || true  # icon caches watch the folder's time stamp
}

# Removes the desktop file, icons and metadata, under the app ID and under the name that
# releases before the app ID used ("parallel-reader").
remove_integration() {
    for name in "$APP_ID" "$APP"; do
        rm -f "$APPS_DIR/$name.desktop"
        for icon in "$ICONS_DIR"/*/apps/"$name".png "$ICONS_DIR"/scalable/apps/"$name".svg; do
            if [ -e "$icon" ]; then rm -f "$icon"; fi
        done
    done
    rm -f "$METAINFO_DIR/$APP_ID.metainfo.xml"
}

uninstall() {
    rm -rf "$OPT_DIR"
    if [ -L "$BIN_DIR/$APP" ]; then rm -f "$BIN_DIR/$APP"; fi
    remove_integration
    refresh_menus
    say "Parallel Reader removed. Your notes and settings are kept in ${XDG_DATA_HOME:-$HOME/.local/share}/$APP."
}

BUNDLE=
while [ $# -gt 0 ]; do
    case $1 in
        --uninstall) uninstall; exit 0 ;;
        --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; BUNDLE=$2; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (try --help)" ;;
    esac
    shift
done

if [ -z "$BUNDLE" ]; then
    if [ -x "$HERE/$APP" ]; then BUNDLE=$HERE                     # unpacked release archive
    else BUNDLE=$HERE/../../dist/$APP; fi                        # source checkout
fi
[ -x "$BUNDLE/$APP" ] || die "no built app at $BUNDLE/$APP (build it: python packaging/build.py)"
BUNDLE=$(cd "$BUNDLE" && pwd)

# Desktop file, icons and metadata: shipped inside the bundle, or beside this script in a checkout.
if [ -f "$BUNDLE/share/applications/$APP_ID.desktop" ]; then
    SHARE=$BUNDLE/share
    DESKTOP=$SHARE/applications/$APP_ID.desktop
    METAINFO=$SHARE/metainfo/$APP_ID.metainfo.xml
    ICONS=$SHARE/icons/hicolor
else
    DESKTOP=$HERE/$APP_ID.desktop
    METAINFO=$HERE/$APP_ID.metainfo.xml
    ICONS=$HERE/icons/hicolor
fi
[ -f "$DESKTOP" ] || die "desktop file not found at $DESKTOP"

# The app itself: copy to a fresh folder, then swap it in, so a running copy is not half-replaced.
if [ "$BUNDLE" != "$OPT_DIR" ]; then
    mkdir -p "$(dirname "$OPT_DIR")"
    rm -rf "$OPT_DIR.new"
    cp -a "$BUNDLE" "$OPT_DIR.new"
    rm -rf "$OPT_DIR"
    mv "$OPT_DIR.new" "$OPT_DIR"
fi
mkdir -p "$BIN_DIR"
ln -sfn "$OPT_DIR/$APP" "$BIN_DIR/$APP"

# Desktop file with the absolute path (quoted if it holds a space, as the spec asks).
case $OPT_DIR in
    *' '*) EXEC="\"$OPT_DIR/$APP\"" ;;
    *) EXEC="$OPT_DIR/$APP" ;;
esac
remove_integration  # an older install's files, whatever they were named
mkdir -p "$APPS_DIR"
sed -e "s|^Exec=.*|Exec=$EXEC %F|" -e "s|^TryExec=.*|TryExec=$OPT_DIR/$APP|" \
    "$DESKTOP" > "$APPS_DIR/$APP_ID.desktop"
chmod 644 "$APPS_DIR/$APP_ID.desktop"

if [ -d "$ICONS" ]; then
    (cd "$ICONS" && find . -name "$APP_ID.*" -type f) | while read -r icon; do
        mkdir -p "$ICONS_DIR/$(dirname "$icon")"
        cp "$ICONS/$icon" "$ICONS_DIR/$icon"
    done
fi
if [ -f "$METAINFO" ]; then
    mkdir -p "$METAINFO_DIR"
    cp "$METAINFO" "$METAINFO_DIR/"
fi
refresh_menus

say "Parallel Reader installed in $OPT_DIR"
say "  menu entry: $APPS_DIR/$APP_ID.desktop"
case :$PATH: in
    *:"$BIN_DIR":*) say "  command:    $APP" ;;
    *) say "  command:    $BIN_DIR/$APP  (add $BIN_DIR to your PATH to type just '$APP')" ;;
esac
