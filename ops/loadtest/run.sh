#!/usr/bin/env bash
# Hearth load test: builds the hub and the generator when missing, then runs the generator.
#   ops/loadtest/run.sh                       # 10,000 survivors, 1,000 msg/s, hub + bare relay
#   ops/loadtest/run.sh --sweep 250,500,1000,1500,2000 --chart docs/images/loadtest-p99.png
#   ops/loadtest/run.sh --help                # every option
#   ops/loadtest/run.sh --first-in-line …     # as root: its own scheduling group at nice -20 (see below)
# Traffic goes to 127.0.0.1 only. Set LOADTEST_JAVA_OPTS to change the generator's JVM flags.
set -euo pipefail

# Linux groups processes by session for scheduling (autogroup): `nice` then ranks a process only among
# its own session's, and every other session still gets an equal share of the cores. --first-in-line
# starts the run in a session of its own and gives that group nice -20 too, so that other sessions'
# builds on a shared machine wait for the measurement rather than share with it.
if [ "${1:-}" = "--first-in-line" ]; then
  shift
  exec setsid bash -c 'echo -20 > /proc/$$/autogroup 2>/dev/null || echo "run.sh: could not raise the autogroup (not root?)" >&2; exec nice -n -20 "$0" "$@"' "$0" "$@"
fi

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# Each held socket is a file descriptor in the generator and in the server it talks to.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

hub_jar="hub-server/target/hearth-hub.jar"
tool_jar="ops/loadtest/target/hearth-loadtest.jar"
if [ ! -f "$hub_jar" ] || [ ! -f "$tool_jar" ] || [ -n "${LOADTEST_REBUILD:-}" ]; then
  echo "building the hub and the load generator (mvn package, tests skipped)…" >&2
  mvn -q -B -ntp -pl ops/loadtest -am package -DskipTests >&2
fi

exec java ${LOADTEST_JAVA_OPTS:--Xmx2g} -Djava.awt.headless=true -jar "$tool_jar" "$@"
