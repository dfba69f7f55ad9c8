#!/usr/bin/env bash
# Install Debian's chromium for the browser tests when it is missing and we are root.
set -u
if command -v chromium >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests …"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null 2>&1 \
    || echo "WARNING: could not install chromium; browser tests will be skipped" >&2
else
  echo "WARNING: chromium missing and not root: browser tests will be skipped" >&2
fi
exit 0
