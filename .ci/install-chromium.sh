#!/bin/sh
# Chromium for the browser tests, from Debian's repository: no binary downloads from elsewhere.
set -eu
command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends chromium)
