#!/usr/bin/env bash
# ICSS Ledger benchmarks: one command, loopback only, under ten minutes.
#
#   deploy/bench.sh            build what is missing, start the whole system (deploy/run-local.sh) on fresh
#                              databases (icss_bench_*) and a fresh Kafka broker (.run/bench/), run the benchmark
#                              harness (bench module), write BENCHMARKS.md at the repository root, stop everything
#                              it started.
#   deploy/bench.sh --build    rebuild the jars first.
#   deploy/bench.sh --smoke    every phase for a couple of seconds (checks the harness; figures mean nothing);
#                              writes .run/bench/BENCHMARKS-smoke.md instead.
#
# Measures (see bench/src/main/java/org/icss/ledger/bench/): (1) Axon JDBC event store append vs raw JDBC batches,
# (2) the highest audit rate held for 60 s without the processors' backlog growing, (3) freshness p50/p99 from an
# accepted POST to the registry's standing at 200 audits/s, (4) registry lookup p50/p99 at 2,000 req/s vs a bare
# endpoint of the same application, (5) projection rebuild rate vs raw read-and-apply, (6) each process's RSS,
# (7) bulk import (NDJSON, one import per member body): reports/s recorded and through to the registry vs raw batches.
#
# Needs what deploy/run-local.sh needs (a JDK 17+ and PostgreSQL) and the ports it uses (8080-8083, 9092, 9093)
# free. Environment: ICSS_PG_* as for run-local; ICSS_JAVA_OPTS (the services' and Kafka's JVM options, default
# -Xms64m -Xmx256m -XX:+UseSerialGC); ICSS_BENCH_* settings of the harness (BenchConfig), e.g.
# ICSS_BENCH_INGEST_RATES=250,500,1000,1500.
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
# registry-query: the bare endpoint the lookup is compared with, and no per-IP rate limit (one client sends 2,000/s)
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

# 2. nothing of ours may be running, and the ports must be free (a running system would be measured instead)
"$SCRIPT_DIR/run-local.sh" stop >/dev/null 2>&1 || true
for port in 8080 8081 8082 8083 "$KAFKA_PORT"; do
    port_open "$port" && die "port $port is in use: stop what runs there first (e.g. deploy/run-local.sh stop)"
done

# 3. fresh broker and fresh databases
step "fresh Kafka data ($ICSS_RUN_DIR/kafka-data) and databases ${ICSS_DB_PREFIX}_*"
rm -rf "$ICSS_RUN_DIR/kafka-data"
if PGPASSWORD=$PG_PASSWORD psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    for d in audit certification awards registry scratch; do
        PGPASSWORD=$PG_PASSWORD psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
            -c "DROP DATABASE IF EXISTS ${ICSS_DB_PREFIX}_$d WITH (FORCE)" >/dev/null ||
            die "could not drop ${ICSS_DB_PREFIX}_$d (is it owned by $PG_USER?)"
    done
fi

# 4. the system, stopped again whatever happens
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

# 5. the harness
kafka_version=$(tr ':' '\n' <"$ICSS_RUN_DIR/kafka/classpath.txt" 2>/dev/null | sed -n 's#.*/kafka_2\.13-\([^/]*\)\.jar$#\1#p' | head -n1)
if [[ $MODE == smoke ]]; then
    out=$ICSS_RUN_DIR/BENCHMARKS-smoke.md
    command="deploy/bench.sh --smoke"
    cap=300
else
    out=$REPO_ROOT/BENCHMARKS.md
    command="deploy/bench.sh"
    cap=$((600 - (SECONDS - T0) - 30)) # the whole command stays under ten minutes (30 s to stop)
    ((cap > 120)) || die "starting took $((SECONDS - T0)) s; no time left for the measurements"
fi
step "running the harness (mode $MODE, at most $cap s); results go to $out"
timeout --signal=TERM "$cap" "$JAVA" -Xms256m -Xmx1g -XX:+UseParallelGC \
    -Dlogback.configurationFile=bench/logback-bench.xml -jar "$BENCH_JAR" "--budget-seconds=$((cap - 20))" \
    "--mode=$MODE" "--out=$out" "--command=$command" "--pids-dir=$ICSS_RUN_DIR/pids" \
    "--db-prefix=$ICSS_DB_PREFIX" "--kafka=127.0.0.1:$KAFKA_PORT" "--kafka-version=${kafka_version:-unknown}"
step "done in $((SECONDS - T0)) s: $out"
