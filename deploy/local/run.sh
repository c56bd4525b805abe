#!/usr/bin/env bash
# The streamfleet local stack in one command: a KRaft Kafka broker (or, with --cluster, three of them with mutual TLS
# and ACLs) and a MongoDB-compatible server from Maven artifacts, VictoriaMetrics when its Debian package is installed,
# the topics of deploy/topics.txt, and every service that has been packaged. Runs until Ctrl-C.
# See usage() below, or run it with --help.
set -euo pipefail

# Bash cannot trap a signal that was ignored when it started, and a non-interactive shell starts `run.sh &` with SIGINT
# ignored. Restart once with SIGINT at its default, so that Ctrl-C and kill -INT still stop the stack cleanly.
sigint_ignored() {
    local mask
    mask=$(awk '/^SigIgn:/ {print $2}' "/proc/$$/status" 2>/dev/null) || return 1
    ((16#${mask:-0} & 2))
}
if [[ -z ${RUN_SH_SIGINT_RESET:-} ]] && sigint_ignored && env --default-signal=INT true 2>/dev/null; then
    RUN_SH_SIGINT_RESET=1 exec env --default-signal=INT "$BASH" "${BASH_SOURCE[0]}" "$@"
fi
unset RUN_SH_SIGINT_RESET

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/.local-stack"
LOGS="$STATE/logs"
LIB="$ROOT/deploy/target/local-stack/lib"
TOPICS_FILE="$ROOT/deploy/topics.txt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
# --cluster: broker i (0..2) listens on PLAINTEXT 9092+i, SSL 9192+i, controller 9292+i (see LocalKafkaCluster).
CLUSTER_PLAIN_PORTS=(9092 9093 9094)
CLUSTER_TLS_PORTS=(9192 9193 9194)
CLUSTER_CONTROLLER_PORTS=(9292 9293 9294)
CERTS="$STATE/certs"
KAFKA_USERS_DIR="$ROOT/deploy/k8s/base/kafka/users"
MONGO_PORT=27017
VICTORIA_METRICS_PORT=8428
VICTORIA_METRICS_BIN="${VICTORIA_METRICS_BIN:-/usr/bin/victoria-metrics}"
# Start order and ports, as in DESIGN.md ("Ports (local stack)").
SERVICES=(simulator-service eeg-ingest-service prediction-service drone-command-service widget-order-service
    telemetry-sink-service)
declare -A SERVICE_PORT=([simulator-service]=8081 [eeg-ingest-service]=8082 [prediction-service]=8083
    [drone-command-service]=8084 [widget-order-service]=8085 [telemetry-sink-service]=8086)

START_TIMEOUT="${STACK_START_TIMEOUT:-120}"
SERVICE_PROFILE="${STACK_SERVICE_PROFILE:-dev}"

usage() {
    cat <<EOF
Usage: deploy/local/run.sh [--cluster] [--no-build] [--fresh] [--help]

Starts the streamfleet local stack and keeps it running until Ctrl-C (or SIGTERM), then stops everything:
services first, then VictoriaMetrics, then MongoDB, then Kafka.

  1. builds the project once:  ./mvnw -B -q -DskipTests package
  2. Kafka: a single-node KRaft broker (broker+controller) on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT),
     data in .local-stack/kafka/data (formatted on first start only, so topics and offsets persist)
  3. creates the missing topics listed in deploy/topics.txt (existing ones are left alone)
  4. MongoDB: mongo-java-server with the H2 backend on 127.0.0.1:$MONGO_PORT, data in .local-stack/mongo
  5. VictoriaMetrics on 127.0.0.1:$VICTORIA_METRICS_PORT, data in .local-stack/victoria-metrics, if $VICTORIA_METRICS_BIN
     is installed (Debian: apt-get install victoria-metrics); without it the stack runs without it
  6. every service with a packaged app (<service>/target/quarkus-app/quarkus-run.jar), in this order and on these
     ports: simulator 8081, eeg-ingest 8082, prediction 8083, drone-command 8084, widget-order 8085,
     telemetry-sink 8086; waits for each /q/health/ready (telemetry-sink: /q/health/live when there is no
     VictoriaMetrics, as it is not ready without one)
Logs of every process are in .local-stack/logs/ (the previous run's as <name>.log.1).

With --cluster, steps 2 and 3 become the production shape (io.streamfleet.deploy.LocalKafkaCluster):
  - deploy/local/certs.sh .local-stack/certs: a CA, a certificate per broker, a client certificate per service
    (CN=<service>), streamfleet-admin (super user) and intruder (no ACLs); PKCS12 keystores, passwords next to them
  - 3 KRaft brokers (broker+controller each, 3-voter quorum) as separate processes: broker i on 127.0.0.1, PLAINTEXT
    ${CLUSTER_PLAIN_PORTS[0]}+i, SSL ${CLUSTER_TLS_PORTS[0]}+i (client certificate required), controller ${CLUSTER_CONTROLLER_PORTS[0]}+i; data and logs in
    .local-stack/cluster; StandardAuthorizer, nobody without an ACL gets anything (the plain listener is useless)
  - the topics of deploy/topics.txt with replication factor 3 and min.insync.replicas 2
  - the ACLs of the KafkaUser manifests deploy/k8s/base/kafka/users/*.yaml for User:CN=<metadata.name>
  - every service connects to the SSL listeners with its own certificate (KAFKA_SECURITY_PROTOCOL=SSL,
    KAFKA_TRUSTSTORE_PATH/_PASSWORD = .local-stack/certs/ca.p12, KAFKA_KEYSTORE_PATH/_PASSWORD = <service>.p12)

Options:
  --cluster    3 brokers with mutual TLS and ACLs, as above (certificates are reused; --fresh makes new ones)
  --no-build   use what is already built (deploy/target/local-stack/lib and the services' quarkus-app folders)
  --fresh      delete .local-stack first: Kafka topics and offsets, MongoDB and VictoriaMetrics data start empty
  -h, --help   this text

Environment:
  KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of starting one (plaintext, no auth; not with --cluster)
  MONGODB_URI              use this MongoDB instead of starting one
  VICTORIA_METRICS_URL     use this VictoriaMetrics instead of starting one
  VICTORIA_METRICS_BIN     the victoria-metrics binary to start (default /usr/bin/victoria-metrics)
  SKIP_TOPIC_CREATION      set to true to not create the topics (e.g. a cluster where that is not allowed)
  TOPIC_REPLICATION_FACTOR replication factor of topics it creates (default 1)
  STACK_START_TIMEOUT      seconds to wait for each of Kafka, MongoDB, the topics and the services (default 120)
  STACK_SERVICE_PROFILE    Quarkus profile the services run with, as QUARKUS_PROFILE (default dev)
  JAVA_HOME                Java 17+ to run everything with (default: java on the PATH)
  FAKE_TELLO_REPLY_DELAY_MS the fake Tello answers each command this late (ms, or min-max such as 1000-5000), as a real
                           one answers a move when it has finished it (default: at once)
The services get KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL (PLAINTEXT, or SSL with --cluster, plus the
KAFKA_TRUSTSTORE_* and KAFKA_KEYSTORE_* variables), MONGODB_URI, VICTORIA_METRICS_URL, QUARKUS_PROFILE and
QUARKUS_HTTP_PORT in their environment.
EOF
}

BUILD=true
FRESH=false
CLUSTER=false
while (($# > 0)); do
    case "$1" in
        --cluster) CLUSTER=true ;;
        --no-build) BUILD=false ;;
        --fresh) FRESH=true ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "run.sh: unknown argument: $1 (see --help)" >&2
            exit 2
            ;;
    esac
    shift
done

log() { printf '[%4ss] %s\n' "$SECONDS" "$*"; }
fail() {
    printf '[%4ss] ERROR: %s\n' "$SECONDS" "$*" >&2
    exit 1
}
show_log_tail() {
    echo "---- last lines of $1 ----" >&2
    tail -n 25 "$1" >&2 || true
    echo "----" >&2
}

# --- Processes we started, stopped in reverse start order -----------------------------------------------------------
NAMES=()
PIDS=()

is_running() {
    local pid=$1 state
    kill -0 "$pid" 2>/dev/null || return 1
    # A child that exited but is not reaped yet still answers kill -0.
    state=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ $state != Z ]]
}

# stop_group TIMEOUT_SECONDS INDEX...: SIGTERM to each, wait up to the timeout, then SIGKILL what is left.
stop_group() {
    local timeout=$1 i pid left deadline
    shift
    for i in "$@"; do
        pid=${PIDS[$i]}
        if is_running "$pid"; then
            log "stopping ${NAMES[$i]} (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    deadline=$((SECONDS + timeout))
    while :; do
        left=()
        for i in "$@"; do
            is_running "${PIDS[$i]}" && left+=("$i")
        done
        ((${#left[@]} == 0)) && break
        if ((SECONDS >= deadline)); then
            for i in "${left[@]}"; do
                log "${NAMES[$i]} did not stop within ${timeout}s: SIGKILL"
                kill -KILL "${PIDS[$i]}" 2>/dev/null || true
            done
            break
        fi
        sleep 0.2
    done
    for i in "$@"; do
        wait "${PIDS[$i]}" 2>/dev/null || true
    done
}

STOPPING=false
cleanup() {
    local status=$? i services=() victoria=() mongo=() kafka=()
    set +e
    # A second Ctrl-C must not cut the shutdown short, nor a closed output pipe (run.sh | tee x, then Ctrl-C).
    trap '' INT TERM HUP PIPE
    $STOPPING && return
    STOPPING=true
    ((${#PIDS[@]} == 0)) && exit "$status"
    echo
    log "shutting down"
    for i in "${!NAMES[@]}"; do
        case "${NAMES[$i]}" in
            kafka) kafka+=("$i") ;;
            mongodb) mongo+=("$i") ;;
            victoria-metrics) victoria+=("$i") ;;
            *) services+=("$i") ;;
        esac
    done
    ((${#services[@]} > 0)) && stop_group 20 "${services[@]}"
    ((${#victoria[@]} > 0)) && stop_group 15 "${victoria[@]}"
    ((${#mongo[@]} > 0)) && stop_group 15 "${mongo[@]}"
    ((${#kafka[@]} > 0)) && stop_group 40 "${kafka[@]}"
    log "stopped"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Should this script itself be killed (kill -9), the kernel sends SIGTERM to what it started: nothing is left behind.
ON_PARENT_DEATH=()
if setpriv --help 2>/dev/null | grep -q -- --pdeathsig; then
    ON_PARENT_DEATH=(setpriv --pdeathsig TERM --)
fi

# start NAME LOGFILE COMMAND...: runs COMMAND in the background, output to LOGFILE (the previous one kept as .1).
start() {
    local name=$1 logfile=$2
    shift 2
    [[ -f $logfile ]] && mv -f "$logfile" "$logfile.1"
    "${ON_PARENT_DEATH[@]}" "$@" >"$logfile" 2>&1 &
    NAMES+=("$name")
    PIDS+=("$!")
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() {
    local port what taken=()
    for port in "$@"; do
        port_open "$port" && taken+=("$port")
    done
    ((${#taken[@]} == 0)) && return
    for port in "${taken[@]}"; do
        what=""
        command -v ss >/dev/null && what=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n 1)
        echo "port $port is already in use${what:+ by $what}" >&2
    done
    fail "needed port(s) taken: ${taken[*]}. Is a local stack already running? Stop it (Ctrl-C) or free the port."
}

# wait_for_port NAME PID PORT LOGFILE
wait_for_port() {
    local name=$1 pid=$2 port=$3 logfile=$4 deadline=$((SECONDS + START_TIMEOUT))
    until port_open "$port"; do
        if ! is_running "$pid"; then
            show_log_tail "$logfile"
            fail "$name exited during startup: see $logfile"
        fi
        if ((SECONDS >= deadline)); then
            show_log_tail "$logfile"
            fail "$name did not open port $port within ${START_TIMEOUT}s: see $logfile"
        fi
        sleep 0.3
    done
}

http_status() { curl -s -o /dev/null -L --max-time 3 -w '%{http_code}' "$1" || true; }

# --- Preconditions --------------------------------------------------------------------------------------------------
command -v "$JAVA" >/dev/null || fail "java not found (install a JDK 17+ or set JAVA_HOME)"
command -v curl >/dev/null || fail "curl not found (apt-get install curl)"
cd "$ROOT"

START_KAFKA=true
START_MONGO=true
START_VICTORIA_METRICS=true
[[ -n ${KAFKA_BOOTSTRAP_SERVERS:-} ]] && START_KAFKA=false
if $CLUSTER && ! $START_KAFKA; then
    fail "--cluster starts its own Kafka cluster: unset KAFKA_BOOTSTRAP_SERVERS"
fi
[[ -n ${MONGODB_URI:-} ]] && START_MONGO=false
[[ -n ${VICTORIA_METRICS_URL:-} ]] && START_VICTORIA_METRICS=false
if $START_VICTORIA_METRICS && [[ ! -x $VICTORIA_METRICS_BIN ]]; then
    START_VICTORIA_METRICS=false
    log "VictoriaMetrics is not installed ($VICTORIA_METRICS_BIN): the stack runs without it, and telemetry-sink"
    log "  reports not ready and keeps its records on the topics until it can write them. To have it:"
    log "  sudo apt-get install victoria-metrics   (Debian/Ubuntu), or set VICTORIA_METRICS_URL to a running one"
fi
# Checked before the build so a taken port fails fast; the services' ports again just before they start.
needed_ports=()
if $CLUSTER; then
    needed_ports+=("${CLUSTER_PLAIN_PORTS[@]}" "${CLUSTER_TLS_PORTS[@]}" "${CLUSTER_CONTROLLER_PORTS[@]}")
elif $START_KAFKA; then
    needed_ports+=("$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT")
fi
$START_MONGO && needed_ports+=("$MONGO_PORT")
$START_VICTORIA_METRICS && needed_ports+=("$VICTORIA_METRICS_PORT")
for service in "${SERVICES[@]}"; do
    [[ -f $ROOT/$service/pom.xml ]] && needed_ports+=("${SERVICE_PORT[$service]}")
done
((${#needed_ports[@]} > 0)) && require_free_ports "${needed_ports[@]}"

if $FRESH; then
    log "--fresh: deleting $STATE"
    rm -rf "$STATE"
fi
mkdir -p "$LOGS"

# --- Build ----------------------------------------------------------------------------------------------------------
if $BUILD; then
    log "building: ./mvnw -B -q -DskipTests package (skip with --no-build)"
    ./mvnw -B -q -DskipTests package
    log "build done"
fi
compgen -G "$LIB/*.jar" >/dev/null || fail "$LIB is empty: run without --no-build first"

# --- Kafka ----------------------------------------------------------------------------------------------------------
KAFKA_SECURITY_PROTOCOL=PLAINTEXT
if $CLUSTER; then
    command -v openssl >/dev/null || fail "openssl not found (apt-get install openssl): --cluster needs it for certificates"
    log "certificates in $CERTS (deploy/local/certs.sh; existing ones are reused)"
    "$ROOT/deploy/local/certs.sh" "$CERTS" >"$LOGS/certs.log" 2>&1 ||
        {
            show_log_tail "$LOGS/certs.log"
            fail "deploy/local/certs.sh failed: see $LOGS/certs.log"
        }
    kafka_log="$LOGS/kafka.log"
    log "starting a 3-broker mTLS Kafka cluster (log $kafka_log, brokers' logs in $STATE/cluster)"
    start kafka "$kafka_log" "$JAVA" -Xmx256m -cp "$LIB/*" io.streamfleet.deploy.LocalKafkaCluster \
        --dir "$STATE/cluster" --certs "$CERTS" --users "$KAFKA_USERS_DIR" --topics "$TOPICS_FILE"
    # Ready once all brokers joined, the topics exist and the ACLs are applied.
    deadline=$((SECONDS + START_TIMEOUT + 60))
    until grep -q '^LocalKafkaCluster: ready' "$kafka_log" 2>/dev/null; do
        if ! is_running "${PIDS[-1]}"; then
            show_log_tail "$kafka_log"
            fail "the Kafka cluster exited during startup: see $kafka_log and $STATE/cluster/broker-*.log"
        fi
        ((SECONDS >= deadline)) && {
            show_log_tail "$kafka_log"
            fail "the Kafka cluster was not ready within $((START_TIMEOUT + 60))s: see $kafka_log"
        }
        sleep 0.5
    done
    grep '^LocalKafkaCluster: [0-9]* ACLs' "$kafka_log" | sed 's/^/         /' || true
    KAFKA_BOOTSTRAP_SERVERS=$(printf '127.0.0.1:%s,' "${CLUSTER_TLS_PORTS[@]}")
    KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS%,}
    KAFKA_SECURITY_PROTOCOL=SSL
    export KAFKA_TRUSTSTORE_PATH="$CERTS/ca.p12"
    KAFKA_TRUSTSTORE_PASSWORD=$(cat "$CERTS/ca.password")
    export KAFKA_TRUSTSTORE_PASSWORD
    log "Kafka cluster is ready: mTLS on $KAFKA_BOOTSTRAP_SERVERS"
elif $START_KAFKA; then
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
    kafka_dir="$STATE/kafka"
    kafka_data="$kafka_dir/data"
    kafka_log="$LOGS/kafka.log"
    mkdir -p "$kafka_data"
    # Regenerated on every start; the cluster id lives in data/meta.properties, written once by the format below.
    cat >"$kafka_dir/server.properties" <<EOF
# Written by deploy/local/run.sh on every start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$kafka_data
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
    if [[ ! -f $kafka_data/meta.properties ]]; then
        cluster_id=$("$JAVA" -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log")
        log "formatting Kafka storage (cluster id $cluster_id)"
        # --standalone: this node is the single voter of a dynamic KRaft quorum (controller.quorum.bootstrap.servers).
        "$JAVA" -cp "$LIB/*" kafka.tools.StorageTool format --standalone -t "$cluster_id" \
            -c "$kafka_dir/server.properties" >>"$LOGS/kafka-format.log" 2>&1 ||
            {
                show_log_tail "$LOGS/kafka-format.log"
                fail "formatting Kafka storage failed: see $LOGS/kafka-format.log"
            }
    fi
    log "starting Kafka on $KAFKA_BOOTSTRAP_SERVERS (log $kafka_log)"
    start kafka "$kafka_log" "$JAVA" -Xmx512m -cp "$LIB/*" kafka.Kafka "$kafka_dir/server.properties"
    wait_for_port Kafka "${PIDS[-1]}" "$KAFKA_PORT" "$kafka_log"
    log "Kafka is listening"
else
    log "using Kafka at $KAFKA_BOOTSTRAP_SERVERS (KAFKA_BOOTSTRAP_SERVERS)"
fi
export KAFKA_BOOTSTRAP_SERVERS KAFKA_SECURITY_PROTOCOL

if $CLUSTER; then
    : # LocalKafkaCluster created the topics (replication factor 3, min.insync.replicas 2)
elif [[ ${SKIP_TOPIC_CREATION:-false} == true ]]; then
    log "SKIP_TOPIC_CREATION=true: not creating topics"
else
    # Admin-client chatter to the log; TopicCreator's summary and errors to the terminal.
    "$JAVA" -Dorg.slf4j.simpleLogger.logFile="$LOGS/topic-creator.log" -cp "$LIB/*" io.streamfleet.deploy.TopicCreator \
        "$KAFKA_BOOTSTRAP_SERVERS" "$TOPICS_FILE" "${TOPIC_REPLICATION_FACTOR:-1}" "$START_TIMEOUT" ||
        fail "could not create the topics of $TOPICS_FILE (log $LOGS/topic-creator.log)"
fi

# --- MongoDB --------------------------------------------------------------------------------------------------------
if $START_MONGO; then
    MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT"
    mongo_log="$LOGS/mongodb.log"
    log "starting MongoDB-compatible server on $MONGODB_URI (log $mongo_log)"
    start mongodb "$mongo_log" "$JAVA" -Xmx256m -cp "$LIB/*" io.streamfleet.deploy.LocalMongoServer \
        "$STATE/mongo" 127.0.0.1 "$MONGO_PORT"
    wait_for_port MongoDB "${PIDS[-1]}" "$MONGO_PORT" "$mongo_log"
    log "MongoDB is listening"
else
    log "using MongoDB at $MONGODB_URI (MONGODB_URI)"
fi
export MONGODB_URI

# --- VictoriaMetrics ------------------------------------------------------------------------------------------------
if $START_VICTORIA_METRICS; then
    VICTORIA_METRICS_URL="http://127.0.0.1:$VICTORIA_METRICS_PORT"
    victoria_log="$LOGS/victoria-metrics.log"
    mkdir -p "$STATE/victoria-metrics"
    log "starting VictoriaMetrics on $VICTORIA_METRICS_URL (log $victoria_log)"
    # -dedup.minScrapeInterval=1ms: a record the sink writes twice (a replay, a retried write) stays one sample.
    # -retentionPeriod=100y: simulated device times may lie in the past; the default 1 month would drop them silently.
    start victoria-metrics "$victoria_log" "$VICTORIA_METRICS_BIN" \
        -httpListenAddr="127.0.0.1:$VICTORIA_METRICS_PORT" -storageDataPath="$STATE/victoria-metrics" \
        -retentionPeriod=100y -dedup.minScrapeInterval=1ms -search.latencyOffset=5s
    wait_for_port VictoriaMetrics "${PIDS[-1]}" "$VICTORIA_METRICS_PORT" "$victoria_log"
    log "VictoriaMetrics is listening"
elif [[ -n ${VICTORIA_METRICS_URL:-} ]]; then
    log "using VictoriaMetrics at $VICTORIA_METRICS_URL (VICTORIA_METRICS_URL)"
fi
# Without one, the sink still gets the default URL (nothing listens there): it starts, reports not ready, and waits;
# the stack then waits only for it to be live.
HAVE_VICTORIA_METRICS=false
[[ -n ${VICTORIA_METRICS_URL:-} ]] && HAVE_VICTORIA_METRICS=true
export VICTORIA_METRICS_URL="${VICTORIA_METRICS_URL:-http://127.0.0.1:$VICTORIA_METRICS_PORT}"

# --- Services -------------------------------------------------------------------------------------------------------
to_start=()
for service in "${SERVICES[@]}"; do
    if [[ -f $ROOT/$service/target/quarkus-app/quarkus-run.jar ]]; then
        to_start+=("$service")
    else
        log "$service: no $service/target/quarkus-app/quarkus-run.jar, not started"
    fi
done
service_ports=()
for service in "${to_start[@]}"; do
    service_ports+=("${SERVICE_PORT[$service]}")
done
((${#service_ports[@]} > 0)) && require_free_ports "${service_ports[@]}"

# drone-command-service's dev profile flies tello-1 at 127.0.0.1:18889 and listens for its state on 18890: a fake Tello
# stands in there unless TELLO_1_ADDRESS points the service at a real drone (see the README, "Flying a real Tello").
FAKE_TELLO=false
if [[ $SERVICE_PROFILE == dev && -z ${TELLO_1_ADDRESS:-} && " ${to_start[*]} " == *" drone-command-service "* ]]; then
    FAKE_TELLO=true
    log "starting a fake Tello on udp 127.0.0.1:18889, state to 18890 (log $LOGS/fake-tello.log)"
    start fake-tello "$LOGS/fake-tello.log" "$JAVA" -Xmx64m -cp "$ROOT/test-support/target/classes" \
        io.streamfleet.testsupport.FakeTello 18889 18890 "${FAKE_TELLO_REPLY_DELAY_MS:-}"
fi

declare -A SERVICE_PID=()
for service in "${to_start[@]}"; do
    log "starting $service on :${SERVICE_PORT[$service]} (log $LOGS/$service.log)"
    # With --cluster each service is its own Kafka principal: its keystore, CN=<service>.
    keystore_env=()
    if $CLUSTER; then
        keystore_env=(KAFKA_KEYSTORE_PATH="$CERTS/$service.p12" KAFKA_KEYSTORE_PASSWORD="$(cat "$CERTS/$service.password")")
    fi
    start "$service" "$LOGS/$service.log" env QUARKUS_PROFILE="$SERVICE_PROFILE" \
        QUARKUS_HTTP_PORT="${SERVICE_PORT[$service]}" "${keystore_env[@]}" "$JAVA" -Xmx256m -jar \
        "$ROOT/$service/target/quarkus-app/quarkus-run.jar"
    SERVICE_PID[$service]=${PIDS[-1]}
done

pending=("${to_start[@]}")
deadline=$((SECONDS + START_TIMEOUT))
while ((${#pending[@]} > 0)); do
    still=()
    for service in "${pending[@]}"; do
        ready_path=/q/health/ready
        [[ $service == telemetry-sink-service ]] && ! $HAVE_VICTORIA_METRICS && ready_path=/q/health/live
        ready_url="http://localhost:${SERVICE_PORT[$service]}$ready_path"
        if [[ $(http_status "$ready_url") == 200 ]]; then
            log "$service is ready"
            continue
        fi
        if ! is_running "${SERVICE_PID[$service]}"; then
            show_log_tail "$LOGS/$service.log"
            fail "$service exited during startup: see $LOGS/$service.log"
        fi
        still+=("$service")
    done
    pending=("${still[@]}")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
        not_ready=()
        for service in "${pending[@]}"; do
            echo "$service /q/health/ready says: $(curl -s --max-time 15 \
                "http://localhost:${SERVICE_PORT[$service]}/q/health/ready" || echo '(no answer)')" >&2
            show_log_tail "$LOGS/$service.log"
            not_ready+=("$service (log $LOGS/$service.log)")
        done
        fail "not ready within ${START_TIMEOUT}s: ${not_ready[*]}"
    fi
    sleep 1
done

# --- Where things are -----------------------------------------------------------------------------------------------
echo
echo "streamfleet local stack is up (${SECONDS}s)"
printf '  %-24s %s\n' "Kafka bootstrap" "$KAFKA_BOOTSTRAP_SERVERS$($START_KAFKA || echo ' (external)')$($CLUSTER && echo ' (mTLS)')"
if $CLUSTER; then
    printf '  %-24s %s\n' "Kafka certificates" "$CERTS (CA ca.crt; admin: streamfleet-admin.crt/.key)"
fi
printf '  %-24s %s\n' "MongoDB" "$MONGODB_URI$($START_MONGO || echo ' (external)')"
if $START_VICTORIA_METRICS; then
    printf '  %-24s %s\n' "VictoriaMetrics" "$VICTORIA_METRICS_URL   /vmui"
elif [[ -x $VICTORIA_METRICS_BIN ]]; then
    printf '  %-24s %s\n' "VictoriaMetrics" "$VICTORIA_METRICS_URL (external)"
else
    printf '  %-24s %s\n' "VictoriaMetrics" "not installed (sudo apt-get install victoria-metrics)"
fi
$FAKE_TELLO && printf '  %-24s %s\n' "fake Tello (tello-1)" "udp 127.0.0.1:18889, what it received: $LOGS/fake-tello.log"
printf '  %-24s %s\n' "logs" "$LOGS"
for service in "${to_start[@]}"; do
    base="http://localhost:${SERVICE_PORT[$service]}"
    extras=""
    for path in /q/health /q/metrics /q/openapi /q/swagger-ui; do
        [[ $(http_status "$base$path") == 200 ]] && extras+=" $path"
    done
    printf '  %-24s %s   %s\n' "$service" "$base" "${extras# }"
done
if [[ -n ${SERVICE_PID[widget-order-service]:-} ]]; then
    echo
    echo "Try:"
    echo "  curl -u ingest:\${INGEST_PASSWORD:-ingest} -X POST localhost:8085/orders -H 'content-type: application/json' \\"
    echo "       -d '{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W123\"}'"
    echo "  curl localhost:8085/orders/Fred"
fi
if [[ -n ${SERVICE_PID[telemetry-sink-service]:-} ]] && $HAVE_VICTORIA_METRICS; then
    echo
    echo "Telemetry (once the simulator sends it):"
    echo "  curl localhost:8086/admin/streams"
    echo "  curl localhost:8086/satellites/SAT-001/latest"
    echo "  curl -s '$VICTORIA_METRICS_URL/api/v1/export' -d 'match[]={__name__=~\"satellite_.*\"}' | head -c 600"
fi
if $CLUSTER; then
    echo
    echo "The cluster as its super user (kcat):"
    echo "  kcat -b ${CLUSTER_TLS_PORTS[0]/#/127.0.0.1:} -X security.protocol=SSL -X ssl.ca.location=$CERTS/ca.crt \\"
    echo "       -X ssl.certificate.location=$CERTS/streamfleet-admin.crt -X ssl.key.location=$CERTS/streamfleet-admin.key -L"
fi
echo
echo "Press Ctrl-C to stop everything."

# --- Run until Ctrl-C, or until one of the processes dies -----------------------------------------------------------
while :; do
    if ((${#PIDS[@]} == 0)); then
        sleep 1 # everything external and no service packaged: nothing to watch
        continue
    fi
    wait -n || true
    for i in "${!PIDS[@]}"; do
        if ! is_running "${PIDS[$i]}"; then
            show_log_tail "$LOGS/${NAMES[$i]}.log"
            fail "${NAMES[$i]} exited unexpectedly: see $LOGS/${NAMES[$i]}.log; stopping the stack"
        fi
    done
done
