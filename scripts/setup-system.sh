#!/usr/bin/env bash
# Installs the Debian packages the test suite's real peers need, only when missing (idempotent):
# OpenLDAP slapd and ldap-utils, Chromium, gnome-keyring with a session bus, openssl for test CAs.
set -euo pipefail

# --for-start: only what `npm start` needs (a keychain for the demo); default: the test suite's too.
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
if [ "${1:-}" != "--for-start" ]; then
  have /usr/sbin/slapd || need+=(slapd)
  have ldapsearch || need+=(ldap-utils)
  have /usr/bin/chromium || need+=(chromium)
  have openssl || need+=(openssl)
fi
have gnome-keyring-daemon || need+=(gnome-keyring)
have dbus-run-session || need+=(dbus-daemon)
have dbus-daemon || need+=(dbus)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup-system: all system packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-system: missing Debian packages: ${need[*]}" >&2
  echo "setup-system: install them with: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi

echo "setup-system: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# slapd's package starts a system-wide server on port 389; the tests run their own.
if command -v service >/dev/null 2>&1; then service slapd stop >/dev/null 2>&1 || true; fi
echo "setup-system: done"
