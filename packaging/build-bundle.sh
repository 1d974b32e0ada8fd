#!/usr/bin/env bash
# Build the one-folder Paddock Desk bundle: dist/paddock-desk/paddock-desk.
#
#   packaging/build-bundle.sh            use the active venv, else ./.venv, else make build/venv
#   packaging/build-bundle.sh --fresh    always make build/venv and install Paddock Desk into it
#                                        from the source tree (not editable): a clean build
#
# PADDOCK_DESK_BUILD_PYTHON=/path/to/python chooses the Python outright. The bundle also holds
# share/ (launcher, AppStream metadata, icons rendered from the SVG) for install-launcher.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
app_id="io.github.paddockdesk.PaddockDesk"
fresh=0
case "${1:-}" in
    --fresh) fresh=1 ;;
    "") ;;
    *) echo "usage: packaging/build-bundle.sh [--fresh]" >&2; exit 2 ;;
esac

say() { printf '== %s\n' "$*"; }

make_venv() {
    say "creating build/venv and installing Paddock Desk with the bundle extra"
    rm -rf build/venv
    python3 -m venv build/venv
    py="$root/build/venv/bin/python"
    "$py" -m pip install -q --disable-pip-version-check "$root[bundle]"
}

if [ "$fresh" = 0 ] && [ -n "${PADDOCK_DESK_BUILD_PYTHON:-}" ]; then
    py="$PADDOCK_DESK_BUILD_PYTHON"
elif [ "$fresh" = 0 ] && [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
    py="$VIRTUAL_ENV/bin/python"
elif [ "$fresh" = 0 ] && [ -x "$root/.venv/bin/python" ]; then
    py="$root/.venv/bin/python"
else
    make_venv
fi
say "building with $py ($("$py" --version))"

if ! "$py" -c "import paddock_desk" 2>/dev/null; then
    say "installing Paddock Desk into that Python"
    "$py" -m pip install -q --disable-pip-version-check -e "$root"
fi
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
    say "installing PyInstaller (the bundle extra)"
    "$py" -m pip install -q --disable-pip-version-check "pyinstaller>=6"
fi

say "PyInstaller (log: build/pyinstaller.log)"
mkdir -p build
if ! "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath dist --workpath build/pyinstaller packaging/paddock-desk.spec \
        >build/pyinstaller.log 2>&1; then
    tail -n 40 build/pyinstaller.log >&2
    echo "build-bundle: PyInstaller failed (full log: build/pyinstaller.log)" >&2
    exit 1
fi

bundle="dist/paddock-desk"
say "desktop files and icons into $bundle/share"
mkdir -p "$bundle/share/applications" "$bundle/share/metainfo"
cp packaging/$app_id.desktop "$bundle/share/applications/"
cp packaging/$app_id.metainfo.xml "$bundle/share/metainfo/"
QT_QPA_PLATFORM=offscreen "$py" packaging/render_icons.py "$bundle/share/icons" >/dev/null
cp LICENSE "$bundle/"

say "check: $bundle/paddock-desk --version"
"$bundle/paddock-desk" --version

size="$(du -sh "$bundle" | cut -f1)"
files="$(find "$bundle" -type f | wc -l)"
echo "bundle: $root/$bundle ($size, $files files); run $bundle/paddock-desk"
