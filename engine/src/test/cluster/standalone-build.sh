#!/usr/bin/env bash
# Runs dancu's ingest and build through spark-submit on a Spark standalone cluster (one master, one worker) started
# here on loopback, without a Spark distribution: the master, the worker and spark-submit are the classes of the
# Maven spark-core jar, and SPARK_HOME is a folder whose jars/ links to the engine's Maven classpath (the worker
# starts executors with SPARK_HOME/jars/* as their classpath).
#
#   engine/src/test/cluster/standalone-build.sh [DATA_DIR]
#
# DATA_DIR (default /tmp/dancu-standalone/data) gets a small generated register unless DATA_DIR/raw/extract.json
# exists. Everything else lives in /tmp/dancu-standalone; the master and worker are stopped at the end.
# Environment: DANCU_CLUSTER_PORT (master port, default 7077), DANCU_WORKER_MEMORY (default 2g).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
WORK=/tmp/dancu-standalone
DATA="${1:-$WORK/data}"
PORT="${DANCU_CLUSTER_PORT:-7077}"
MASTER="spark://127.0.0.1:$PORT"
mkdir -p "$WORK/logs"
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$REPO/pom.xml")

echo "== 1. engine jar for spark-submit and the engine's runtime classpath (Maven, offline)"
(cd "$REPO" && mvn -q -B -o -pl engine -am package -P spark-submit -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/classpath.txt")
APP_JAR=$(ls "$REPO"/engine/target/dancu-engine-*-spark.jar)
echo "   $APP_JAR ($(du -h "$APP_JAR" | cut -f1))"

echo "== 2. SPARK_HOME=$WORK/spark-home: jars/ linked to the Maven jars, without dancu's own modules"
rm -rf "$WORK/spark-home"
mkdir -p "$WORK/spark-home/jars" "$WORK/spark-home/conf"
echo "Spark from Maven jars, for dancu's standalone test" > "$WORK/spark-home/RELEASE"
tr ':' '\n' < "$WORK/classpath.txt" | grep '\.jar$' | grep -v "^$REPO/" | while read -r jar; do ln -s "$jar" "$WORK/spark-home/jars/"; done
echo "   $(ls "$WORK/spark-home/jars" | wc -l) jars"
export SPARK_HOME="$WORK/spark-home"
export SPARK_LOCAL_IP=127.0.0.1
# Spark's launcher (used by the worker to start executors) looks for launcher/target/scala-* of a source build to
# find the Scala version unless it is given.
export SPARK_SCALA_VERSION=2.13
CP="$SPARK_HOME/jars/*"

pids=()
stop() {
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

echo "== 3. master on $MASTER"
# shellcheck disable=SC2086
java -Xmx512m $FLAGS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  > "$WORK/logs/master.log" 2>&1 &
pids+=($!)
wait_for "$WORK/logs/master.log" "I have been elected leader"

echo "== 4. worker: 2 cores, ${DANCU_WORKER_MEMORY:-2g}"
rm -rf "$WORK/worker"
# shellcheck disable=SC2086
java -Xmx512m $FLAGS -cp "$CP" org.apache.spark.deploy.worker.Worker "$MASTER" --host 127.0.0.1 --cores 2 \
  --memory "${DANCU_WORKER_MEMORY:-2g}" --work-dir "$WORK/worker" --webui-port 0 > "$WORK/logs/worker.log" 2>&1 &
pids+=($!)
wait_for "$WORK/logs/worker.log" "Successfully registered with master"

if [ ! -f "$DATA/raw/extract.json" ]; then
  echo "== 5. a small register in $DATA/raw (./dancu generate)"
  "$REPO/dancu" generate --data "$DATA" --persons 2000 --seed 5 >/dev/null
fi
KEY="$WORK/pseudonym.key"
[ -f "$KEY" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KEY"; chmod 600 "$KEY"; }

submit() {
  # shellcheck disable=SC2086
  java -Xmx1g $FLAGS -cp "$CP" org.apache.spark.deploy.SparkSubmit --master "$MASTER" --deploy-mode client \
    --conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1g --conf spark.executor.cores=2 \
    --conf spark.sql.shuffle.partitions=8 --class vn.dancu.engine.EngineMain "$APP_JAR" "$@"
}

echo "== 6. spark-submit ingest"
submit ingest --data "$DATA" --key-file "$KEY" 2> "$WORK/logs/ingest.log"
echo "== 7. spark-submit build"
submit build --data "$DATA" 2> "$WORK/logs/build.log"

echo "== 8. checks"
executors=$(grep -c "Asked to launch executor" "$WORK/logs/worker.log" || true)
echo "   the worker launched $executors executor(s) (two applications: ingest and build)"
[ "$executors" -ge 2 ] || { echo "the jobs did not run on the worker" >&2; exit 1; }
version=$(cat "$DATA/cubes/CURRENT")
echo "   cubes/CURRENT = $version; manifest: $(grep -c '"descriptorSha256"' "$DATA/cubes/versions/$version/manifest.json") cubes"
find "$WORK/worker" -name stderr | head -n 1 | xargs -r grep -m 1 "Executor" | sed 's/^/   executor log: /'
echo "OK: ingest and build ran through the standalone master and worker"
