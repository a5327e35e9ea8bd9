#!/usr/bin/env bash
# System packages the test suite drives for real: Debian's Chromium (browser tests, through
# Playwright with executable_path=/usr/bin/chromium; Playwright's own browser download is
# never used) and poppler's pdftotext (PDF sources). Installs what is missing when run as
# root; otherwise says what to install.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages: ${need[*]} (install them: apt-get install ${need[*]})" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${need[@]}"
