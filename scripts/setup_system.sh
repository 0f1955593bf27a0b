#!/usr/bin/env bash
# Debian packages, named by what they are for:
#   font      a CJK font: without one, Chinese is drawn as empty boxes in a browser on this machine and in
#             screenshots (the app itself runs without it)
#   chromium  the headless browser tests/test_ui_browser.py drives (the test skips without it)
#   libreoffice  LibreOffice without its GUI (libreoffice-writer-nogui, the smallest package with soffice,
#             installed without recommends): it converts .doc reports to DOCX, and the tests print their
#             PDF fixtures with it (without it .doc files get one line saying how to install it)
# Installs what is missing with apt-get when running as root, saying what and how long it usually takes;
# apt's output goes to the setup log (scripts/steps.sh). Otherwise says what to install and goes on: the
# app runs without these packages, so this never fails its caller.
#   bash scripts/setup_system.sh font chromium libreoffice
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/steps.sh

missing=()
lean=()  # installed without their recommended packages (LibreOffice's recommends are hundreds of MB)
for want in "${@:-font}"; do
  case $want in
    font)
      if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -q .; }; then
        missing+=(fonts-wqy-zenhei)
      fi ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    libreoffice) command -v soffice >/dev/null 2>&1 || lean+=(libreoffice-writer-nogui) ;;
    *) say "setup_system: unknown package group '$want' (font, chromium, libreoffice)" >&2 ;;
  esac
done
if [ ${#missing[@]} -eq 0 ] && [ ${#lean[@]} -eq 0 ]; then
  say "system packages: present ($*)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "not installing ${missing[*]} ${lean[*]} (needs root and apt-get): install them for Chinese text in" \
      "the browser, for the browser test and for .doc reports" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# steps run in subshells: a failure is reported, and the caller goes on
known=1
for pkg in "${missing[@]}" "${lean[@]}"; do apt-cache show "$pkg" >/dev/null 2>&1 || known=0; done
if [ "$known" -eq 0 ]; then
  ( step "updating the Debian package lists" "10-30 s" apt-get update -q ) || true
fi
usual="about 20 s"
[[ " ${missing[*]} " == *" chromium "* ]] && usual="1-2 min"
if [ ${#missing[@]} -gt 0 ]; then
  ( step "installing Debian packages: ${missing[*]}" "$usual" apt-get install -y -q "${missing[@]}" ) \
    || say "setup_system: apt-get could not install ${missing[*]}; going on without them" >&2
fi
if [ ${#lean[@]} -gt 0 ]; then
  ( step "installing Debian packages: ${lean[*]}" "1-2 min" \
      apt-get install -y -q --no-install-recommends "${lean[@]}" ) \
    || say "setup_system: apt-get could not install ${lean[*]}; .doc reports will not be read" >&2
fi
exit 0
