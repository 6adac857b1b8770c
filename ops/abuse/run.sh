#!/usr/bin/env bash
# Hearth attack harness: builds the hub and the harness when missing, then replays the attacks.
#   ops/abuse/run.sh all                 # every scenario, each against a fresh hub (~8 minutes)
#   ops/abuse/run.sh bomb flood          # some of them
#   ops/abuse/run.sh all --markdown      # also the table as Markdown, for docs/benchmark-history.md (Every measure)
# Traffic goes to 127.0.0.0/8 only: the attacker from 127.0.0.66, a botnet from 127.0.1.1 on, the genuine clients from 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# Held connections are file descriptors here and in the hub (which inherits this limit).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

hub_jar="hub-server/target/hearth-hub.jar"
tool_jar="ops/abuse/target/hearth-abuse.jar"
if [ ! -f "$hub_jar" ] || [ ! -f "$tool_jar" ] || [ -n "${ABUSE_REBUILD:-}" ]; then
  echo "building the hub and the harness (mvn package, tests skipped)…" >&2
  mvn -q -B -ntp -pl ops/abuse -am package -DskipTests >&2
fi

exec java ${ABUSE_JAVA_OPTS:--Xmx1g} -jar "$tool_jar" "$@"
