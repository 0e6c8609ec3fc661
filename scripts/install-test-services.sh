#!/usr/bin/env bash
# Installs the Debian packages the integration tests run against: Dovecot (a real IMAP server the
# tests start privately on loopback) and Chromium (driven headless by playwright-core). Idempotent:
# does nothing when both are present. Needs root (or sudo) for apt-get.
set -euo pipefail
need=()
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd dovecot-lmtpd)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-test-services: run as root, or install: ${need[*]}" >&2
    exit 1
  fi
else SUDO=""; fi
echo "install-test-services: installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The package starts a system-wide Dovecot; the tests run their own private instance instead.
$SUDO systemctl disable --now dovecot >/dev/null 2>&1 || $SUDO service dovecot stop >/dev/null 2>&1 || true
