#!/bin/sh
# Put CommsDesk into your menu: copies this folder to ~/.local/share/commsdesk and adds a menu entry,
# an icon and a `commsdesk` command in ~/.local/bin. No administrator rights needed.
#     ./install.sh             install (or update) for this user
#     ./install.sh --uninstall remove the program again (your vault and settings are kept)
set -eu
APP_ID=io.github.commsdesk.CommsDesk
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
TARGET=$DATA/commsdesk/app
BIN=$HOME/.local/bin

uninstall() {
    rm -rf "$TARGET"
    rmdir "$DATA/commsdesk" 2>/dev/null || true
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    for png in "$DATA"/icons/hicolor/*/apps/$APP_ID.png "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"; do
        rm -f "$png"
    done
    if [ -L "$BIN/commsdesk" ]; then rm -f "$BIN/commsdesk"; fi
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    echo "CommsDesk removed. Your vault and settings were not touched."
    exit 0
fi

if [ "$HERE" != "$TARGET" ]; then
    rm -rf "$TARGET.new"
    mkdir -p "$TARGET.new"
    cp -a "$HERE"/. "$TARGET.new"/
    rm -f "$TARGET.new/portable"  # an installed copy keeps its data in your profile
    rm -rf "$TARGET.new/data"
    rm -rf "$TARGET"
    mv "$TARGET.new" "$TARGET"
fi

mkdir -p "$DATA/applications" "$DATA/metainfo" "$BIN"
sed "s|^Exec=commsdesk|Exec=\"$TARGET/commsdesk\"|" "$TARGET/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$TARGET/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
for png in "$TARGET"/icons/commsdesk-*.png; do
    size=$(basename "$png" .png)
    size=${size#commsdesk-}
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$TARGET/icons/commsdesk.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
ln -sfn "$TARGET/commsdesk" "$BIN/commsdesk"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
echo "CommsDesk installed: find it in your applications menu, or run $BIN/commsdesk"
