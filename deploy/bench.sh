#!/usr/bin/env bash
# ICSS Ledger benchmarks: one command, loopback only.
#
#   deploy/bench.sh            build what is missing, start the whole system (deploy/run-local.sh) on fresh
#                              databases (icss_bench_*) and a fresh Kafka broker (.run/bench/), run the benchmark
#                              harness (bench module), write BENCHMARKS.md at the repository root, stop everything
#                              it started.
#   deploy/bench.sh --build    rebuild the jars first.
#   deploy/bench.sh --smoke    every phase for a couple of seconds and a scale phase of 200 organisations (checks
#                              the harness; figures mean nothing); writes .run/bench/BENCHMARKS-smoke.md instead.
#
# How long: phases (1)-(6) and (8)-(10) about 20 minutes (the ingest ladder takes what the others leave). The scale phase (7) at 1,000 and then 100,000 organisations about
# 45 to 75 minutes more on a 2-core machine: 1.5 million events through registry-query's live processors (about
# 30-40 min at the 700-1,000 events/s smoke runs saw on a busy machine), 13 wrk reads of 10 s at each size, and a
# replay of the whole history with its raw baseline at each size (each at most 20 min). So one to one and a half
# hours in all. Every phase stops by itself: (1)-(6) and (8)-(10) within a 20-minute budget, (7) within
# ICSS_BENCH_SCALE_BUDGET_SECONDS (default 7200 s: each load waits at most ICSS_BENCH_SCALE_LOAD_CAP, 60 min, each
# replay and its baseline ICSS_BENCH_SCALE_REPLAY_CAP, 20 min, each wrk run its duration + 30 s), and the harness is
# killed after the sum of both budgets + 2 min (it then writes what it has). --smoke: about 5 minutes plus start-up.
#
# Measures (see bench/src/main/java/org/icss/ledger/bench/): (1) Axon JDBC event store append vs raw JDBC (one row
# per transaction, and batches),
# (2) the highest audit rate held for 60 s without the processors' backlog growing (ladder 50-2,000/s, from 250/s
# up or down), with each process's CPU time per audit during each step, (3) freshness p50/p99 from an
# accepted POST to the registry's standing at 200 audits/s, (4) registry reads with wrk (standing lookup at 8 and 32
# connections, conditional GET) vs the bare endpoint of the same application, (5) projection rebuild rate vs raw
# read-and-apply, (6) each process's RSS, (7) scale: realistic 2015-2026 histories of 1,000 and then 100,000
# organisations (ICSS_BENCH_SCALE_SIZES) published onto the topics, then at each size the registry reads with wrk,
# a replay of the whole history and each process's RSS, (8) the 1st vs the 100th audit of one organisation,
# (9) bulk import (NDJSON, one import per member body): reports/s recorded and through to the registry vs raw batches.
#
# Needs what deploy/run-local.sh needs (a JDK 17+ and PostgreSQL), the ports it uses (8080-8083, 9092, 9093) free,
# and wrk (Debian package wrk; installed here with apt-get when missing and possible, else phases 4 and 7 are
# skipped and the report says so). Environment: ICSS_PG_* as for run-local; ICSS_JAVA_OPTS (the services' and
# Kafka's JVM options, default -Xms64m -Xmx256m -XX:+UseSerialGC); ICSS_BENCH_RUN_DIR (run folder, default
# .run/bench) and ICSS_BENCH_DB_PREFIX (databases, default icss_bench); ICSS_BENCH_* settings of the harness
# (BenchConfig), e.g. ICSS_BENCH_INGEST_RATES=100,250,500,1000 or ICSS_BENCH_SCALE_SIZES=1000,10000;
# ICSS_BENCH_PHASES=2,3 runs only those phases (for a profile of one of them; the report says which ran).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
VERSION=0.1.0-SNAPSHOT
BENCH_JAR=$REPO_ROOT/bench/target/bench-$VERSION-exec.jar
SERVICES=(audit-service certification-service awards-service registry-query)

MODE=full
BUILD=0
for arg in "$@"; do
    case $arg in
        --smoke) MODE=smoke ;;
        --build) BUILD=1 ;;
        -h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "ERROR: unknown argument: $arg (try --help)" >&2; exit 1 ;;
    esac
done

# the system under test: its own run folder, databases and broker, so a normal local run's data is untouched
export ICSS_RUN_DIR=${ICSS_BENCH_RUN_DIR:-$REPO_ROOT/.run/bench}
export ICSS_DB_PREFIX=${ICSS_BENCH_DB_PREFIX:-icss_bench}
export ICSS_JAVA_OPTS=${ICSS_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}
# registry-query: the bare endpoint the reads are compared with, and no per-IP rate limit (wrk, one client, sends
# thousands of requests a second)
export ICSS_BENCH_ENABLED=true
export ICSS_WEB_RATELIMIT_ENABLED=false
# no scheduled advance during the run (it would add events while the harness counts them)
export ICSS_SCHEDULE_FIRSTADVANCEAFTER=P1D
PG_HOST=${ICSS_PG_HOST:-127.0.0.1}
PG_PORT=${ICSS_PG_PORT:-5432}
PG_USER=${ICSS_PG_USER:-icss}
PG_PASSWORD=${ICSS_PG_PASSWORD:-icss}
KAFKA_PORT=${ICSS_KAFKA_PORT:-9092}
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA=$JAVA_HOME/bin/java; else JAVA=java; fi

step() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
port_open() { timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$1" 2>/dev/null; }

T0=$SECONDS
mkdir -p "$ICSS_RUN_DIR"

# 1. jars
need=$BUILD
for s in "${SERVICES[@]}"; do [[ -f $REPO_ROOT/$s/target/$s-$VERSION-exec.jar ]] || need=1; done
[[ -f $BENCH_JAR ]] || need=1
if [[ $need == 1 ]]; then
    step "building the jars: ./mvnw -q -DskipTests package"
    (cd "$REPO_ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
fi

# 2. the read load generator (a C tool from Debian: wrk)
WRK=${ICSS_BENCH_WRK:-wrk}
if ! command -v "$WRK" >/dev/null 2>&1; then
    step "wrk is missing: installing the Debian package wrk with apt-get"
    if [[ $(id -u) == 0 ]]; then
        apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null 2>&1; } || true
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n apt-get install -y -q wrk >/dev/null 2>&1 || true
    fi
    command -v "$WRK" >/dev/null 2>&1 ||
        printf 'WARNING: could not install wrk (apt-get install wrk as root); the read phases (4) and (7) are skipped\n' >&2
fi

# 3. nothing of ours may be running, and the ports must be free (a running system would be measured instead)
"$SCRIPT_DIR/run-local.sh" stop >/dev/null 2>&1 || true
for port in 8080 8081 8082 8083 "$KAFKA_PORT"; do
    port_open "$port" && die "port $port is in use: stop what runs there first (e.g. deploy/run-local.sh stop)"
done

# 4. fresh broker and fresh databases
step "fresh Kafka data ($ICSS_RUN_DIR/kafka-data) and databases ${ICSS_DB_PREFIX}_*"
rm -rf "$ICSS_RUN_DIR/kafka-data"
if PGPASSWORD=$PG_PASSWORD psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    for d in audit certification awards registry scratch; do
        PGPASSWORD=$PG_PASSWORD psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
            -c "DROP DATABASE IF EXISTS ${ICSS_DB_PREFIX}_$d WITH (FORCE)" >/dev/null ||
            die "could not drop ${ICSS_DB_PREFIX}_$d (is it owned by $PG_USER?)"
    done
fi

# 5. the system, stopped again whatever happens
cleanup() {
    local rc=$?
    step "stopping the system"
    "$SCRIPT_DIR/run-local.sh" stop || true
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
step "starting the system (deploy/run-local.sh --detach)"
"$SCRIPT_DIR/run-local.sh" --detach

# 6. the harness
kafka_version=$(tr ':' '\n' <"$ICSS_RUN_DIR/kafka/classpath.txt" 2>/dev/null | sed -n 's#.*/kafka_2\.13-\([^/]*\)\.jar$#\1#p' | head -n1)
if [[ $MODE == smoke ]]; then
    out=$ICSS_RUN_DIR/BENCHMARKS-smoke.md
    command="deploy/bench.sh --smoke"
    cap=300
    scale_budget=${ICSS_BENCH_SCALE_BUDGET_SECONDS:-400}
else
    out=$REPO_ROOT/BENCHMARKS.md
    command="deploy/bench.sh"
    cap=$((1200 - (SECONDS - T0) - 30)) # phases (1)-(6), (8)-(10) stay within twenty minutes (30 s to stop)
    ((cap > 120)) || die "starting took $((SECONDS - T0)) s; no time left for the measurements"
    scale_budget=${ICSS_BENCH_SCALE_BUDGET_SECONDS:-7200}
fi
[[ -z ${ICSS_BENCH_SCALE_SIZES+x} || -n ${ICSS_BENCH_SCALE_SIZES//[0,]/} ]] || scale_budget=0 # "0": no scale phase
step "running the harness (mode $MODE, at most $((cap + scale_budget + 120)) s); results go to $out"
timeout --signal=TERM "$((cap + scale_budget + 120))" "$JAVA" -Xms256m -Xmx1g -XX:+UseParallelGC \
    -Dlogback.configurationFile=bench/logback-bench.xml -jar "$BENCH_JAR" "--budget-seconds=$((cap - 20))" \
    "--scale-budget-seconds=$scale_budget" "--work-dir=$ICSS_RUN_DIR/harness" "--wrk=$WRK" \
    "--mode=$MODE" "--out=$out" "--command=$command" "--pids-dir=$ICSS_RUN_DIR/pids" \
    "--db-prefix=$ICSS_DB_PREFIX" "--kafka=127.0.0.1:$KAFKA_PORT" "--kafka-version=${kafka_version:-unknown}"
step "done in $((SECONDS - T0)) s: $out"
