#!/usr/bin/env bash
# Tests in a real VS Code: code-server 4.139.1 (from npm, on Node 24 from npm) driven by Debian
# Chromium through playwright-core (shared set-up in scripts/lib-code-server.sh).
#   bash scripts/vscode-harness.sh [all|integration|e2e|bench]     (default: all)
# integration: mocha inside the extension host (test/suite, @vscode/test-electron layout), once in a
#              single-folder workspace and once in a multi-root one; writes test-artifacts/totals-integration.json
# e2e:         the packaged VSIX installed into code-server, the workbench driven like a person would:
#              test/e2e/drive.mjs (editor, Problems, quick fixes, palette) and, when present,
#              test/e2e/webviews.mjs (panel and sidebar), and test/e2e/web.mjs (a VSIX with only the
#              `browser` entry, run by the web worker extension host), each against its own fresh
#              code-server; writes test-artifacts/totals-e2e.json (their sum) and test-artifacts/screenshots/
#              (SP_E2E_ONLY=editor|webviews|web runs one of them)
# bench:       save -> diagnostics latency (test/bench), used by scripts/bench-vscode.mjs
# Every code-server runs in its own process group and is ended before the next one starts.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-all}
# shellcheck source=scripts/lib-code-server.sh
source scripts/lib-code-server.sh
ART="$ROOT/test-artifacts"
mkdir -p "$ART"

export CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"

totals() { printf '{"suite":"%s","passed":%d,"failed":%d}\n' "$1" "$2" "$3" >"$ART/totals-$1.json"; }

trap 'sp_cleanup' EXIT
trap 'exit 130' INT TERM

if ! sp_ensure_code_server; then
  case $MODE in
    all) totals integration 0 1; totals e2e 0 1 ;;
    integration | e2e) totals "$MODE" 0 1 ;;
  esac
  exit 1
fi
CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"

# Build what the runs load: dist/ (the extension) and out/ (compiled tests), unless the caller just did.
if [ -z "${SP_BUILT:-}" ]; then
  node scripts/build.mjs || exit 1
  # Type errors are reported (npm test counts them) but tsc still emits, so the suites can run.
  npx tsc -p tsconfig.test.json || sp_log "tsc reported errors (continuing with the emitted JavaScript)"
  [ -f out/test/suite/index.js ] || exit 1
fi

# One workspace per run: a fresh copy of test/fixture-ws.
new_run() {
  sp_cleanup
  sp_make_run_dir
  cp -r "$ROOT/test/fixture-ws" "$SP_RUN/ws"
}

# Mocha inside the extension host. $1 = label, $2 = folder or .code-workspace to open, $3 = tests entry.
# Adds the counts to PASSED/FAILED.
PASSED=0
FAILED=0
run_in_host() {
  local label=$1 target=$2 entry=$3 result="$SP_RUN/result-$1.json"
  local t0=$SECONDS
  sp_start_cs --vscode-option enable-smoke-test-driver "$target" || { FAILED=$((FAILED + 1)); return 1; }
  CS_URL="$SP_CS_URL" WS_DIR="$target" EXT_DIR="$ROOT" TESTS_ENTRY="$entry" RESULT_FILE="$result" \
    LOG_FILE="$ART/$label.log" PROFILE_DIR="$SP_RUN/chr" node scripts/vscode-tests.mjs
  local rc=$?
  sp_stop_cs
  sp_sweep_run
  cp "$SP_RUN/cs.log" "$ART/$label-code-server.log" 2>/dev/null
  local p f
  p=$(node -e 'try{const r=require(process.argv[1]);console.log(r.passed)}catch{console.log(0)}' "$result")
  f=$(node -e 'try{const r=require(process.argv[1]);console.log(r.failed)}catch{console.log(1)}' "$result")
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  sp_log "$label: $p passed, $f failed ($((SECONDS - t0)) s)"
  return "$rc"
}

integration() {
  PASSED=0
  FAILED=0
  new_run
  run_in_host integration-single "$SP_RUN/ws" "$ROOT/out/test/suite/index.js"
  new_run
  run_in_host integration-multi-root "$SP_RUN/ws/multi-root/multi-root.code-workspace" "$ROOT/out/test/suite/index.js"
  totals integration "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
}

# One UI script against a fresh code-server with the VSIX installed. $1 = label, $2 = script.
ui_run() {
  local label=$1 script=$2 rc
  new_run
  sp_install_vsix "$VSIX" || return 1
  sp_start_cs "$SP_RUN/ws" || return 1
  CS_URL="$SP_CS_URL" WS_DIR="$SP_RUN/ws" ART_DIR="$ART" PROFILE_DIR="$SP_RUN/chr" \
    SETTINGS_FILE="$SP_RUN/ud/User/settings.json" node "$script"
  rc=$?
  sp_stop_cs
  sp_sweep_run
  cp "$SP_RUN/cs.log" "$ART/$label-code-server.log" 2>/dev/null
  return "$rc"
}

# Sum of the UI scripts' totals files into totals-e2e.json (a script that wrote none counts as a failure).
e2e_totals() {
  node -e '
    const fs = require("fs"); let passed = 0, failed = 0;
    for (const f of process.argv.slice(1)) {
      try { const t = JSON.parse(fs.readFileSync(f, "utf8")); passed += t.passed; failed += t.failed; }
      catch { console.error(`no totals in ${f}`); failed += 1; }
    }
    fs.writeFileSync(process.env.ART + "/totals-e2e.json", JSON.stringify({ suite: "e2e", passed, failed }) + "\n");
  ' "$@"
}

# A VSIX whose manifest's only entry is `browser`: the packaged files (`vsce ls`) copied into a
# staging folder without the Node bundle and its worker thread (dist/web/analysisWorker.js, the
# web worker, stays), with `main` (and the npm-only fields) taken out of the
# manifest. VS Code can then run it only in the web worker extension host, as vscode.dev does.
# `extensionKind` goes too: code-server 4.139 honours a declared "workspace" before the deduced
# "web" (pickRunningLocation), so ["workspace", "ui"] would send a browser-only extension to the
# remote Node host, where it has no code to run; without the field VS Code deduces ["web"].
web_vsix() {
  local out=$1 stage f
  stage=$(mktemp -d /tmp/spweb.XXXXXX)
  npx vsce ls --no-dependencies 2>/dev/null | while IFS= read -r f; do
    [ -n "$f" ] && [ "$f" != dist/extension.js ] && [ "$f" != dist/analysisWorker.js ] && mkdir -p "$stage/$(dirname "$f")" && cp "$f" "$stage/$f"
  done
  node -e '
    const fs = require("fs"), p = process.argv[1] + "/package.json", m = JSON.parse(fs.readFileSync(p, "utf8"));
    for (const k of ["main", "extensionKind", "bin", "scripts", "devDependencies"]) delete m[k];
    fs.writeFileSync(p, JSON.stringify(m, null, 2));
  ' "$stage"
  (cd "$stage" && "$ROOT/node_modules/.bin/vsce" package --no-dependencies --allow-missing-repository --no-rewrite-relative-links -o "$out") >"$ART/vsce-web.log" 2>&1
  local rc=$?
  rm -rf "$stage"
  [ "$rc" -eq 0 ] || cat "$ART/vsce-web.log" >&2
  return "$rc"
}

e2e() {
  local t0=$SECONDS status=0
  mkdir -p "$ART/screenshots"
  rm -f "$ART/screenshots"/[0-9][0-9]-*.png "$ART"/totals-e2e*.json
  # The packaged VSIX, as a user installs it (no development copy, no smoke-test flag).
  VSIX="$ART/scaling-planner.vsix"
  if ! npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links -o "$VSIX" >"$ART/vsce.log" 2>&1; then
    cat "$ART/vsce.log" >&2
    totals e2e 0 1
    return 1
  fi
  sp_log "VSIX: $(wc -c <"$VSIX") bytes"
  local files=() only=${SP_E2E_ONLY:-}
  if [ -z "$only" ] || [ "$only" = editor ]; then
    files+=("$ART/totals-e2e-editor.json")
    ui_run e2e-editor test/e2e/drive.mjs || status=1
  fi
  if [ -f test/e2e/webviews.mjs ] && { [ -z "$only" ] || [ "$only" = webviews ]; }; then
    files+=("$ART/totals-e2e-webviews.json")
    ui_run e2e-webviews test/e2e/webviews.mjs || status=1
  fi
  if [ -z "$only" ] || [ "$only" = web ]; then
    files+=("$ART/totals-e2e-web.json")
    local node_vsix=$VSIX
    VSIX="$ART/scaling-planner-web.vsix"
    if web_vsix "$VSIX"; then ui_run e2e-web test/e2e/web.mjs || status=1; else status=1; fi
    VSIX=$node_vsix
  fi
  ART="$ART" e2e_totals "${files[@]}"
  sp_log "e2e: $(cat "$ART/totals-e2e.json") ($((SECONDS - t0)) s)"
  return "$status"
}

bench() {
  new_run
  sp_start_cs --vscode-option enable-smoke-test-driver "$SP_RUN/ws" || return 1
  CS_URL="$SP_CS_URL" WS_DIR="$SP_RUN/ws" EXT_DIR="$ROOT" TESTS_ENTRY="$ROOT/out/test/bench/index.js" \
    RESULT_FILE="$SP_RUN/result-bench.json" BENCH_FILE="${BENCH_FILE:-$ART/bench-vscode.json}" \
    LOG_FILE="$ART/bench-vscode.log" PROFILE_DIR="$SP_RUN/chr" node scripts/vscode-tests.mjs
  local rc=$?
  sp_stop_cs
  return "$rc"
}

status=0
case $MODE in
  all)
    integration || status=1
    e2e || status=1
    ;;
  integration) integration || status=1 ;;
  e2e) e2e || status=1 ;;
  bench) bench || status=1 ;;
  *)
    echo "usage: bash scripts/vscode-harness.sh [all|integration|e2e|bench]" >&2
    exit 2
    ;;
esac
exit $status
