#!/usr/bin/env bash
# Installs what is missing, then serves the dashboard (with its built-in sample) on
# http://127.0.0.1:8080 and rebuilds on every change. Ctrl-C stops it.
source "$(dirname "$0")/setup.sh"
ensure_build_tools
cd "$COVDASH_ROOT"
step "serving covdash on http://127.0.0.1:8080"
exec trunk serve --offline "$@"
