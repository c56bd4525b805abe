# shellcheck shell=bash
# Shared by the deploy/microk8s scripts (sourced, not run).

STREAMFLEET_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The tools/ scripts import each other; no __pycache__ beside them in the work tree.
export PYTHONDONTWRITEBYTECODE=1
STREAMFLEET_SERVICES=(simulator-service eeg-ingest-service prediction-service drone-command-service
    widget-order-service telemetry-sink-service)
# DESIGN.md's local ports: the port-forward commands printed by deploy.sh reuse them, so the README's curl examples
# for the local stack work unchanged against the cluster.
# shellcheck disable=SC2034 # used by the scripts that source this file
declare -A STREAMFLEET_LOCAL_PORT=([simulator-service]=8081 [eeg-ingest-service]=8082 [prediction-service]=8083
    [drone-command-service]=8084 [widget-order-service]=8085 [telemetry-sink-service]=8086)

is_service() {
    [[ " ${STREAMFLEET_SERVICES[*]} " == *" $1 "* ]]
}

project_version() {
    python3 - "$STREAMFLEET_ROOT/pom.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)
PY
}

# The kubectl to use, into the array KUBE: $KUBECTL if set (e.g. KUBECTL="kubectl --context microk8s", the variable
# deploy/k8s/create-secrets.sh reads too), else kubectl when installed, else MicroK8s' own `microk8s kubectl`.
# shellcheck disable=SC2034 # KUBE is read by the sourcing script
resolve_kubectl() {
    if [[ -n ${KUBECTL:-} ]]; then
        read -r -a KUBE <<<"$KUBECTL"
    elif command -v kubectl >/dev/null; then
        KUBE=(kubectl)
    elif command -v microk8s >/dev/null; then
        KUBE=(microk8s kubectl)
    else
        echo "neither kubectl nor microk8s is installed (snap install microk8s --classic)" >&2
        return 1
    fi
}

# Starts Debian's docker-registry on a free loopback port with its storage under $1; sets LOCAL_REGISTRY (host:port)
# and LOCAL_REGISTRY_PID. The caller stops it (kill "$LOCAL_REGISTRY_PID").
start_local_registry() {
    local dir=$1 port deadline
    mkdir -p "$dir/data"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    LOCAL_REGISTRY="127.0.0.1:$port"
    cat >"$dir/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $LOCAL_REGISTRY
EOF
    docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 &
    LOCAL_REGISTRY_PID=$!
    deadline=$((SECONDS + 30))
    until curl -fsS "http://$LOCAL_REGISTRY/v2/" >/dev/null 2>&1; do
        if ((SECONDS > deadline)) || ! kill -0 "$LOCAL_REGISTRY_PID" 2>/dev/null; then
            echo "the local registry did not answer on $LOCAL_REGISTRY; its log:" >&2
            cat "$dir/registry.log" >&2
            return 1
        fi
        sleep 0.2
    done
}

# apt-get install of the given Debian packages when any of the given commands is missing.
ensure_debian_packages() {
    local missing=0 command
    for command in "${@:2}"; do
        command -v "$command" >/dev/null || missing=1
    done
    ((missing)) || return 0
    local sudo=()
    ((EUID != 0)) && sudo=(sudo)
    read -r -a packages <<<"$1"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
}

# Strimzi's cluster-operator manifest of release $1 with every namespace set to $2 (the operator then runs in, and
# watches, that namespace), as deploy/k8s/README.md installs it.
strimzi_operator_manifest() {
    curl -fsSL "https://github.com/strimzi/strimzi-kafka-operator/releases/download/$1/strimzi-cluster-operator-$1.yaml" |
        sed "s/namespace: .*/namespace: $2/"
}
