#!/usr/bin/env bash
# Runs dancu's ingest and build through spark-submit on a Spark standalone cluster (one master, TWO workers) started
# here on loopback, without a Spark distribution: the master, the workers and spark-submit are the classes of the
# Maven spark-core jar, and SPARK_HOME is a folder whose jars/ links to the engine's Maven classpath (a worker starts
# executors with SPARK_HOME/jars/* as their classpath).
#
#   engine/src/test/cluster/standalone-build.sh [DATA_DIR]
#
# DATA_DIR (default $WORK/data) gets a generated register unless DATA_DIR/raw/extract.json exists. Everything else
# lives in $WORK; the master and workers are stopped at the end (also on failure or Ctrl-C).
#
# Checks: each of the two workers launched an executor for each application (ingest and build); ingest reconciles
# (spark-submit exits 0 only then); cubes/CURRENT names the new version; and, when DANCU_COMPARE_LOCAL=1, the row
# count of every cube, cuboid and month end in its manifest equals that of a local-mode build (local[2]) of the same
# curated snapshot. Prints per step the wall time and the peak resident memory (RSS, sampled every second with ps) of
# the driver, of each executor, of the master and of the workers.
#
# Environment (defaults in brackets):
#   DANCU_CLUSTER_WORK    working folder [/tmp/dancu-standalone]
#   DANCU_CLUSTER_PORT    master port [7077]; the other ports are the next ones: master UI +1, worker ports +2/+3,
#                         worker UIs +4/+5, driver +6, driver block manager +7, driver UI +8, executors' block
#                         managers +10.. (set a free range of 20 ports)
#   DANCU_WORKER_CORES    cores of each worker [1]          DANCU_WORKER_MEMORY  memory of each worker [3g]
#   DANCU_EXECUTOR_MEMORY heap of each executor [worker memory less 512m]
#   DANCU_DRIVER_MEMORY   heap of the driver (spark-submit's JVM, client mode) [2g]
#   DANCU_SHUFFLE_PARTITIONS  spark.sql.shuffle.partitions [8]
#   PERSONS               register size for the generator [2000]     AREA  generator area [konray]   SEED [5]
#   DANCU_COMPARE_LOCAL   1 = also build the same snapshot in local mode and compare row counts [1 if PERSONS <= 300000]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
WORK="${DANCU_CLUSTER_WORK:-/tmp/dancu-standalone}"
DATA="${1:-$WORK/data}"
PORT="${DANCU_CLUSTER_PORT:-7077}"
MASTER="spark://127.0.0.1:$PORT"
WORKER_CORES="${DANCU_WORKER_CORES:-1}"
WORKER_MEMORY="${DANCU_WORKER_MEMORY:-3g}"
to_mib() { case "$1" in *g|*G) echo $(( ${1%?} * 1024 ));; *m|*M) echo "${1%?}";; *) echo "$1";; esac; }
EXECUTOR_MEMORY="${DANCU_EXECUTOR_MEMORY:-$(( $(to_mib "$WORKER_MEMORY") - 512 ))m}"
DRIVER_MEMORY="${DANCU_DRIVER_MEMORY:-2g}"
SHUFFLE_PARTITIONS="${DANCU_SHUFFLE_PARTITIONS:-8}"
PERSONS="${PERSONS:-2000}"
AREA="${AREA:-konray}"
SEED="${SEED:-5}"
if [ "$PERSONS" -le 300000 ]; then COMPARE_LOCAL="${DANCU_COMPARE_LOCAL:-1}"; else COMPARE_LOCAL="${DANCU_COMPARE_LOCAL:-0}"; fi
mkdir -p "$WORK/logs"
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$REPO/pom.xml")

echo "== $(date -u '+%d/%m/%Y %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "   2 workers × ($WORKER_CORES core(s), $WORKER_MEMORY; executor heap $EXECUTOR_MEMORY), driver heap $DRIVER_MEMORY"

STEP_START=0
step() { STEP_START=$(date +%s.%N); STEP_NAME="$1"; echo "== $1"; }
step_done() { # prints the step's wall time and the load average
  printf '   %s: %.1f s wall (load average %s)\n' "$STEP_NAME" "$(awk -v a="$STEP_START" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}

step "1. engine jar for spark-submit and the engine's runtime classpath (Maven, offline)"
(cd "$REPO" && mvn -q -B -o -pl engine -am package -P spark-submit -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/classpath.txt")
APP_JAR=$(ls "$REPO"/engine/target/dancu-engine-*-spark.jar)
echo "   $APP_JAR ($(du -h "$APP_JAR" | cut -f1))"
step_done

echo "== 2. SPARK_HOME=$WORK/spark-home: jars/ linked to the Maven jars, without dancu's own modules"
rm -rf "$WORK/spark-home"
mkdir -p "$WORK/spark-home/jars" "$WORK/spark-home/conf"
echo "Spark from Maven jars, for dancu's standalone test" > "$WORK/spark-home/RELEASE"
tr ':' '\n' < "$WORK/classpath.txt" | grep '\.jar$' | grep -v "^$REPO/" | while read -r jar; do ln -s "$jar" "$WORK/spark-home/jars/"; done
echo "   $(ls "$WORK/spark-home/jars" | wc -l) jars"
export SPARK_HOME="$WORK/spark-home"
export SPARK_LOCAL_IP=127.0.0.1
# Spark's launcher (used by the workers to start executors) looks for launcher/target/scala-* of a source build to
# find the Scala version unless it is given.
export SPARK_SCALA_VERSION=2.13
CP="$SPARK_HOME/jars/*"

pids=()
SAMPLER=""
stop() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT

wait_for() { # $1 = log file, $2 = text
  for _ in $(seq 1 240); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "timed out waiting for '$2' in $1" >&2; tail -n 30 "$1" >&2; exit 1
}

# Memory sampler: every second, the RSS and the CPU time so far of our master, workers, driver and executors (found by
# the ports in their command lines), appended as "label rss_kib cpu_seconds" to $WORK/logs/rss.txt; rss_peaks prints
# per label the peak RSS and the CPU time since the last call (the master's and workers' CPU is since their start;
# each application has its own driver and executors).
RSS="$WORK/logs/rss.txt"
: > "$RSS"
sample_rss() {
  while true; do
    ps -eo rss=,times=,args= | awk -v p="$PORT" -v w1=$((PORT + 2)) -v w2=$((PORT + 3)) -v d=$((PORT + 6)) '
      /org.apache.spark.deploy.master.Master/ && index($0, "--port " p) { print "master", $1, $2; next }
      /org.apache.spark.deploy.worker.Worker/ && index($0, "--port " w1) { print "worker-1", $1, $2; next }
      /org.apache.spark.deploy.worker.Worker/ && index($0, "--port " w2) { print "worker-2", $1, $2; next }
      /CoarseGrainedExecutorBackend/ && index($0, "127.0.0.1:" d) {
        wk = index($0, "Worker@127.0.0.1:" w1) ? "worker-1" : (index($0, "Worker@127.0.0.1:" w2) ? "worker-2" : "?")
        print "executor-on-" wk, $1, $2; next }
      /org.apache.spark.deploy.SparkSubmit/ && index($0, "spark.driver.port=" d) { print "driver", $1, $2 }' >> "$RSS"
    sleep 1
  done
}
rss_peaks() {
  awk '{ if ($2 > peak[$1]) peak[$1] = $2; if ($3 > cpu[$1]) cpu[$1] = $3 }
    END { for (l in peak) printf "   %-20s peak RSS %6.0f MiB, CPU %6d s\n", l, peak[l] / 1024, cpu[l] }' \
    "$RSS" | sort
  : > "$RSS"
}
sample_rss &
SAMPLER=$!

echo "== 3. master on $MASTER"
# shellcheck disable=SC2086
java -Xmx512m $FLAGS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port $((PORT + 1)) > "$WORK/logs/master.log" 2>&1 &
pids+=($!)
wait_for "$WORK/logs/master.log" "I have been elected leader"

rm -rf "$WORK/worker-1" "$WORK/worker-2"
for w in 1 2; do
  echo "== 4.$w worker $w: $WORKER_CORES core(s), $WORKER_MEMORY, port $((PORT + 1 + w))"
  # shellcheck disable=SC2086
  java -Xmx512m $FLAGS -cp "$CP" org.apache.spark.deploy.worker.Worker "$MASTER" --host 127.0.0.1 \
    --port $((PORT + 1 + w)) --webui-port $((PORT + 3 + w)) --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" \
    --work-dir "$WORK/worker-$w" > "$WORK/logs/worker-$w.log" 2>&1 &
  pids+=($!)
done
for w in 1 2; do wait_for "$WORK/logs/worker-$w.log" "Successfully registered with master"; done

if [ ! -f "$DATA/raw/extract.json" ]; then
  step "5. a register of about $PERSONS persons (area $AREA, seed $SEED) in $DATA/raw (./dancu generate)"
  "$REPO/dancu" generate --data "$DATA" --persons "$PERSONS" --area "$AREA" --seed "$SEED" >/dev/null
  step_done
fi
echo "   raw: $(du -sh "$DATA/raw" | cut -f1)"
KEY="$WORK/pseudonym.key"
[ -f "$KEY" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KEY"; chmod 600 "$KEY"; }

submit() { # $1 = master, then the engine's arguments
  local master="$1"; shift
  # shellcheck disable=SC2086
  java -Xmx"$DRIVER_MEMORY" $FLAGS -cp "$CP" org.apache.spark.deploy.SparkSubmit --master "$master" \
    --deploy-mode client --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.driver.port=$((PORT + 6)) --conf spark.driver.blockManager.port=$((PORT + 7)) \
    --conf spark.ui.port=$((PORT + 8)) --conf spark.blockManager.port=$((PORT + 10)) --conf spark.port.maxRetries=8 \
    --conf spark.executor.memory="$EXECUTOR_MEMORY" --conf spark.executor.cores="$WORKER_CORES" \
    --conf spark.sql.shuffle.partitions="$SHUFFLE_PARTITIONS" --conf spark.local.dir="$WORK/spark-local" \
    --class vn.dancu.engine.EngineMain "$APP_JAR" "$@"
}

step "6. spark-submit ingest"
submit "$MASTER" ingest --data "$DATA" --key-file "$KEY" 2> "$WORK/logs/ingest.log" | sed 's/^/   /'
step_done
rss_peaks

if [ "$COMPARE_LOCAL" = 1 ]; then
  # The local build gets its own copy of the ingested data, without cubes, so it builds the same snapshot in full.
  rm -rf "$WORK/data-local"
  mkdir -p "$WORK/data-local"
  for d in "$DATA"/*; do [ "$(basename "$d")" = cubes ] || cp -r "$d" "$WORK/data-local/"; done
fi

previous=$(cat "$DATA/cubes/CURRENT" 2>/dev/null || echo none)
step "7. spark-submit build (on the cluster)"
submit "$MASTER" build --data "$DATA" 2> "$WORK/logs/build.log" | sed 's/^/   /'
step_done
rss_peaks

if [ "$COMPARE_LOCAL" = 1 ]; then
  step "7b. the same build in local mode (local[$((2 * WORKER_CORES))], driver heap $DRIVER_MEMORY, for the comparison)"
  submit "local[$((2 * WORKER_CORES))]" build --data "$WORK/data-local" 2> "$WORK/logs/build-local.log" | sed 's/^/   /'
  step_done
  rss_peaks
fi

echo "== 8. checks"
apps=$(grep -o "Registered app .* with ID app-[0-9-]*" "$WORK/logs/master.log" | awk '{print $NF}' | sort -u)
echo "   applications: $(echo $apps)"
[ "$(echo "$apps" | wc -l)" -ge 2 ] || { echo "the master did not register two applications" >&2; exit 1; }
for w in 1 2; do
  for app in $apps; do
    grep -q "Asked to launch executor $app/" "$WORK/logs/worker-$w.log" \
      || { echo "worker $w launched no executor for $app" >&2; exit 1; }
  done
  echo "   worker $w launched an executor for each application ($(grep -c 'Asked to launch executor' "$WORK/logs/worker-$w.log") in all)"
done
version=$(cat "$DATA/cubes/CURRENT")
[ "$version" != "$previous" ] || { echo "cubes/CURRENT still names $previous" >&2; exit 1; }
echo "   cubes/CURRENT = $version (was $previous); manifest: $(grep -c '"descriptorSha256"' "$DATA/cubes/versions/$version/manifest.json") cubes"
manifest_rows() { # rows per cube, cuboid and month end, one line each, from a manifest
  python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for c in m["cubes"]:
    for b in c.get("cuboids", []):
        for p in b.get("partitions", []):
            print(c["name"], b["name"], p.get("refDate", p.get("path")), p["rows"])' "$1" | sort
}
manifest_rows "$DATA/cubes/versions/$version/manifest.json" > "$WORK/logs/rows-cluster.txt"
awk '{ rows[$1] += $4 } END { for (c in rows) printf "   %-24s %12d rows\n", c, rows[c] }' "$WORK/logs/rows-cluster.txt" | sort
if [ "$COMPARE_LOCAL" = 1 ]; then
  local_version=$(cat "$WORK/data-local/cubes/CURRENT")
  manifest_rows "$WORK/data-local/cubes/versions/$local_version/manifest.json" > "$WORK/logs/rows-local.txt"
  [ -s "$WORK/logs/rows-cluster.txt" ] || { echo "the manifest lists no partitions" >&2; exit 1; }
  if ! diff -q "$WORK/logs/rows-cluster.txt" "$WORK/logs/rows-local.txt" >/dev/null; then
    echo "the cluster build's row counts differ from the local build's:" >&2
    diff "$WORK/logs/rows-cluster.txt" "$WORK/logs/rows-local.txt" | head -n 20 >&2
    exit 1
  fi
  echo "   the row counts of all $(wc -l < "$WORK/logs/rows-cluster.txt") (cube, cuboid, month end) partitions equal the local build's ($local_version)"
fi
echo "OK: ingest and build ran through the standalone master and two workers"
