#!/usr/bin/env bash
# Installs what the test suite drives for real when a fresh Debian machine lacks it:
# redis-server (scale-out tests) and Debian's Chromium + ChromeDriver (browser tests). `.ci/run` calls it;
# `mvn verify` never runs apt by itself.
# Nothing here downloads a browser build of its own; everything comes from Debian's packages.
# The Sentinel failover test runs `redis-server --sentinel`, the binary Debian's redis-sentinel package
# starts, so it needs no package (and none that starts a sentinel service on the test machine).
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing test tools: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
