#!/usr/bin/env bash
# Validate the launcher and the AppStream metadata (Debian: desktop-file-utils, appstream).
# Exits non-zero on the first file that does not validate, or when a validator is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_id="io.github.paddockdesk.PaddockDesk"

for tool in desktop-file-validate appstreamcli; do
    if ! command -v "$tool" >/dev/null; then
        echo "check-metadata: $tool not found (install desktop-file-utils and appstream)" >&2
        exit 1
    fi
done

echo "== desktop-file-validate $app_id.desktop"
out="$(desktop-file-validate "$here/$app_id.desktop" 2>&1)" || { echo "$out" >&2; exit 1; }
# desktop-file-validate exits 0 on hints and warnings; treat warnings and errors as failures.
if grep -E "error:|warning:" <<<"$out" >&2; then
    exit 1
fi
[ -n "$out" ] && echo "$out"

echo "== appstreamcli validate --no-net $app_id.metainfo.xml"
appstreamcli validate --no-net "$here/$app_id.metainfo.xml"

echo "check-metadata: both files validate"
