#!/usr/bin/env bash
# npm run demo: build the VSIX, install it into a local code-server (a real VS Code in the browser,
# cached in .vscode-test/), open a copy of examples/ and print the URL. Runs until Ctrl+C.
#   PORT=8080 (default) sets the port; the server listens on 127.0.0.1 only, without a password.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-code-server.sh
source scripts/lib-code-server.sh
PORT=${PORT:-8080}

trap 'sp_cleanup' EXIT
trap 'echo; sp_log "stopping"; exit 0' INT TERM

sp_log "building scaling-planner.vsix"
npm run --silent package >/tmp/scaling-planner-demo-package.log 2>&1 || {
  cat /tmp/scaling-planner-demo-package.log >&2
  exit 1
}
sp_ensure_code_server || exit 1

sp_make_run_dir "127.0.0.1:$PORT"
WS="$SP_RUN/scaling-planner-examples"
cp -r examples "$WS"
sp_log "installing the VSIX into code-server $SP_CS_VERSION"
sp_install_vsix "$PWD/scaling-planner.vsix" || exit 1
sp_start_cs "$WS" || {
  sp_log "is port $PORT in use? Try PORT=8081 npm run demo"
  exit 1
}

# The workbench opens the folder and, through its payload, the first example.
FIRST=$(ls "$WS"/*.plan.yaml | head -n 1)
URL=$(node -e '
  const [base, ws, file] = process.argv.slice(1);
  const payload = JSON.stringify([["openFile", `vscode-remote://${new URL(base).host}${file}`]]);
  console.log(`${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
' "$SP_CS_URL" "$WS" "$FIRST")

cat <<EOF

  Scaling Planner demo: a real VS Code (code-server $SP_CS_VERSION) with the extension installed from
  scaling-planner.vsix and a temporary copy of examples/ in $WS

    $URL

  (or just $SP_CS_URL/ ). Open a *.plan.yaml: squiggles, hovers, inline hints, the CodeLens,
  Ctrl+. for quick fixes, F1 "Scaling Planner: ..." for commands. Ctrl+C stops the server and
  removes the temporary folder.

EOF
wait "$SP_CS_PID"
sp_log "code-server exited; log:"
tail -n 20 "$SP_RUN/cs.log" >&2
