#!/bin/bash
# Kept for compatibility with the upstream tool (shared/tools/weapp-validate): the checks now live in run.js.
# usage: check.sh [distDir]   (default <repo>/miniapp/dist/weapp; env WX_API_BASE, ES_LEVEL as in run.js)
here=$(cd "$(dirname "$0")" && pwd)
exec node "$here/run.js" "$@"
