#!/usr/bin/env bash
# Debian packages the app's page and the browser test need: a CJK font (without one, Chinese is drawn as
# empty boxes in the browser and in screenshots) and Chromium (tests/test_ui_browser.py drives it); and
# LibreOffice without its GUI and recommends (libreoffice-writer-nogui, the smallest package with soffice:
# it converts .doc reports to DOCX, and the tests make their PDF fixtures with it).
# Installs what is missing with apt-get when running as root; otherwise says what to install and goes on.
# Never fails the caller: the app runs without these, and the browser test skips without Chromium.
set -uo pipefail
if ! command -v soffice >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null 2>&1 \
    || echo "setup_system: apt-get could not install libreoffice-writer-nogui (.doc reports will not be read)" >&2
elif ! command -v soffice >/dev/null 2>&1; then
  echo "setup_system: not installing libreoffice-writer-nogui (needs root and apt-get); install it to read .doc" >&2
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -q .; }; then
  missing+=(fonts-wqy-zenhei)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_system: not installing ${missing[*]} (needs root and apt-get); install them for Chinese" \
       "text in the browser and for the browser test" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || echo "setup_system: apt-get could not install ${missing[*]}" >&2
fi
exit 0
