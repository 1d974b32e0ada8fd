#!/usr/bin/env bash
# Install the Paddock Desk launcher for the current user (no root): the .desktop file, the
# AppStream metadata and the icons, under ${XDG_DATA_HOME:-~/.local/share}.
#
#   packaging/install-launcher.sh                  launcher runs `paddock-desk` from PATH
#   packaging/install-launcher.sh --exec PROGRAM   launcher runs PROGRAM (e.g. the bundle's
#                                                  dist/paddock-desk/paddock-desk)
#   packaging/install-launcher.sh --uninstall      remove what this script installed
#
# Run it from the source tree. The icons come from the built bundle (dist/paddock-desk/share)
# when there is one, else they are rendered from the SVG now (which needs PySide6): by $PYTHON
# when set, else the active virtual environment's, the source tree's .venv, or python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_id="io.github.paddockdesk.PaddockDesk"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
exec_program=""
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --exec) exec_program="$(realpath -s "${2:?--exec needs a program}")"; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        *) echo "usage: packaging/install-launcher.sh [--exec PROGRAM | --uninstall]" >&2; exit 2 ;;
    esac
done

refresh() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$share/applications" || true
    fi
    # Only refresh an icon cache that exists: creating one would hide icons installed later by
    # programs that do not update it.
    if [ -f "$share/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null
    then
        gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
    fi
}

if [ "$uninstall" = 1 ]; then
    rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
    find "$share/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
    refresh
    echo "removed the Paddock Desk launcher from $share"
    exit 0
fi

# Icons: the bundle's rendered set when there is one, else rendered now from the SVG.
if [ -d "$root/dist/paddock-desk/share/icons/hicolor" ]; then
    icons="$root/dist/paddock-desk/share/icons"
else
    py=python3
    [ -x "$root/.venv/bin/python" ] && py="$root/.venv/bin/python"
    [ -n "${VIRTUAL_ENV:-}" ] && py="$VIRTUAL_ENV/bin/python"
    [ -n "${PYTHON:-}" ] && py="$PYTHON"
    icons="$(mktemp -d)"
    trap 'rm -rf "$icons"' EXIT
    QT_QPA_PLATFORM=offscreen "$py" "$root/packaging/render_icons.py" "$icons" >/dev/null
fi

mkdir -p "$share/applications" "$share/metainfo" "$share/icons"
cp -r "$icons/hicolor" "$share/icons/"
cp "$root/packaging/$app_id.metainfo.xml" "$share/metainfo/"
desktop="$share/applications/$app_id.desktop"
if [ -n "$exec_program" ]; then
    # Desktop entry quoting: the path in double quotes, with \ " ` $ escaped by a backslash,
    # and that backslash doubled again for the string value.
    quoted="${exec_program//\\/\\\\\\\\}"
    for c in '"' '`' '$'; do quoted="${quoted//"$c"/\\\\$c}"; done
    while IFS= read -r line; do
        case "$line" in
            "Exec=paddock-desk "*) line="Exec=\"$quoted\" ${line#Exec=paddock-desk }" ;;
            TryExec=*) line="TryExec=${exec_program//\\/\\\\}" ;;
        esac
        printf '%s\n' "$line"
    done <"$root/packaging/$app_id.desktop" >"$desktop"
else
    cp "$root/packaging/$app_id.desktop" "$desktop"
    command -v paddock-desk >/dev/null ||
        echo "note: paddock-desk is not on PATH; the launcher will not start it (see --exec)" >&2
fi
refresh
echo "installed the Paddock Desk launcher: $desktop"
