#!/usr/bin/env bash
# A local Apache Kafka broker for development and tests: one KRaft node (broker + controller),
# jars from Maven Central (deploy/kafka/pom.xml), state under .local/kafka (git-ignored).
#   kafka.sh start    start unless a broker already answers at KAFKA_BROKERS; wait until ready
#   kafka.sh stop     controlled shutdown of the broker this script started
#   kafka.sh status   exit 0 if a broker answers
#   kafka.sh reset    stop and delete all topics and offsets
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HOME_DIR="$ROOT/.local/kafka"
LIBS="$HOME_DIR/libs"
DATA="$HOME_DIR/data"
PID_FILE="$HOME_DIR/kafka.pid"
LOG_FILE="$HOME_DIR/kafka.log"
POM="$ROOT/deploy/kafka/pom.xml"
BOOTSTRAP="${KAFKA_BROKERS:-127.0.0.1:9092}"
BOOTSTRAP="${BOOTSTRAP%%,*}"
HOST="${BOOTSTRAP%:*}"
PORT="${BOOTSTRAP##*:}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

say() { echo "[kafka] $*"; }

answers() { timeout 1 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

resolve_jars() {
  local sum; sum="$(sha256sum "$POM" | cut -d' ' -f1)"
  [[ -f "$LIBS/.resolved" && "$(cat "$LIBS/.resolved")" == "$sum" ]] && return 0
  say "resolving Kafka jars with mvn (first run only)…"
  rm -rf "$LIBS"
  mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DoutputDirectory="$LIBS" -DincludeScope=runtime
  echo "$sum" > "$LIBS/.resolved"
}

write_config() {
  mkdir -p "$DATA"
  cat > "$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
num.partitions=1
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  cat > "$HOME_DIR/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG_FILE
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

java_cmd() {
  java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$HOME_DIR/log4j.properties" -cp "$LIBS/*" "$@"
}

start() {
  if answers; then say "a broker already answers at $HOST:$PORT; nothing to start"; return 0; fi
  local began=$SECONDS
  mkdir -p "$HOME_DIR"
  resolve_jars
  write_config
  if [[ ! -f "$DATA/meta.properties" ]]; then
    java_cmd kafka.tools.StorageTool format --ignore-formatted \
      -t "$(java_cmd kafka.tools.StorageTool random-uuid)" -c "$HOME_DIR/server.properties" > /dev/null
  fi
  : > "$LOG_FILE"
  # Its own session: a Ctrl-C meant for `npm start` must not kill the broker before the services.
  setsid nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$HOME_DIR/log4j.properties" -cp "$LIBS/*" \
    kafka.Kafka "$HOME_DIR/server.properties" >> "$HOME_DIR/kafka.out" 2>&1 &
  echo $! > "$PID_FILE"
  while (( SECONDS - began < TIMEOUT )); do
    if ! running_pid > /dev/null; then
      say "broker exited during start-up:"; tail -n 30 "$LOG_FILE" "$HOME_DIR/kafka.out"; exit 1
    fi
    if answers && grep -q "Kafka Server started" "$LOG_FILE"; then
      say "broker ready at $HOST:$PORT in $((SECONDS - began)) s (pid $(cat "$PID_FILE"), log $LOG_FILE)"
      return 0
    fi
    sleep 0.5
  done
  say "broker not ready after ${TIMEOUT} s:"; tail -n 30 "$LOG_FILE"; exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then rm -f "$PID_FILE"; say "not running"; return 0; fi
  kill -TERM "$pid"
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "no clean exit after 30 s; killing"; kill -KILL "$pid"; fi
  rm -f "$PID_FILE"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then echo running; else echo "not running"; exit 1; fi ;;
  reset) stop; rm -rf "$DATA"; say "data deleted" ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
