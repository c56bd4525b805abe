#!/usr/bin/env bash
# Deploys streamfleet to a MicroK8s node: the addons it needs, the Strimzi operator when absent, the Secrets
# (deploy/k8s/create-secrets.sh), a deploy/k8s overlay; then waits for the Kafka cluster and every rollout and prints
# how to reach each service. Build and deliver the images first (deploy/microk8s/build-images.sh).
# See usage() below, or run it with --help.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

K8S_DIR="${K8S_DIR:-$STREAMFLEET_ROOT/deploy/k8s}"
# deploy/k8s/README.md's pinned Strimzi (the manifests use kafka.strimzi.io/v1beta2, which later releases drop).
STRIMZI_VERSION="${STRIMZI_VERSION:-0.51.0}"

usage() {
    cat <<EOF
Usage: deploy/microk8s/deploy.sh [--dev] [--jvm] [--kafka-ui] [--skip-addons] [--skip-strimzi] [--timeout SECONDS]

  1. microk8s enable dns, hostpath-storage, registry (skipped with --skip-addons, or without the microk8s command)
  2. Strimzi cluster operator $STRIMZI_VERSION (STRIMZI_VERSION overrides), when its CRDs are absent, into the overlay's
     namespace, as deploy/k8s/README.md installs it (skipped with --skip-strimzi)
  3. deploy/k8s/create-secrets.sh (keeps existing Secrets)
  4. kubectl apply of deploy/k8s/overlays/microk8s (--dev: overlays/dev), plus components/jvm with --jvm (JVM images
     need more memory than native ones) and components/kafka-ui with --kafka-ui
  5. waits for the Kafka cluster, its KafkaUsers and every Deployment's rollout (each up to --timeout, default 600 s)
  6. prints each service's endpoint: cluster address, a port-forward command, and the NodePort or host port if any

kubectl: \$KUBECTL if set (e.g. KUBECTL="microk8s kubectl"), else kubectl, else microk8s kubectl.
EOF
}

OVERLAY=microk8s
COMPONENTS=()
ADDONS=1
STRIMZI=1
TIMEOUT=600
while (($#)); do
    case "$1" in
        --dev) OVERLAY=dev ;;
        --jvm) COMPONENTS+=(jvm) ;;
        --kafka-ui) COMPONENTS+=(kafka-ui) ;;
        --skip-addons) ADDONS=0 ;;
        --skip-strimzi) STRIMZI=0 ;;
        --timeout)
            [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || { echo "--timeout needs a number of seconds" >&2; exit 2; }
            TIMEOUT=$2
            shift
            ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

resolve_kubectl
kube() { "${KUBE[@]}" "$@"; }
step() { printf '\n== %s\n' "$*"; }

# --- 1. Addons --------------------------------------------------------------------------------------------------------
if ((ADDONS)) && command -v microk8s >/dev/null; then
    step "MicroK8s addons"
    microk8s status --wait-ready --timeout 300 >/dev/null
    # dns: the services reach Kafka and MongoDB by Service name; hostpath-storage: the PVCs (storage class
    # microk8s-hostpath); registry: localhost:32000, where build-images.sh pushes. Enabling twice is harmless.
    addons=(dns hostpath-storage)
    [[ $OVERLAY == microk8s ]] && addons+=(registry)
    for addon in "${addons[@]}"; do
        microk8s enable "$addon"
    done
elif ((ADDONS)); then
    echo "no microk8s command here: skipping the addons (the cluster must provide DNS, storage and the images)"
fi

# --- Manifests --------------------------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/streamfleet-deploy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
overlay_dir="$K8S_DIR/overlays/$OVERLAY"
[[ -f $overlay_dir/kustomization.yaml ]] || { echo "no overlay at $overlay_dir" >&2; exit 1; }
source_dir=$overlay_dir
if ((${#COMPONENTS[@]})); then
    # An overlay of the overlay: kustomize adds components only from a kustomization, so one is written for this run.
    source_dir="$WORK/kustomization"
    mkdir -p "$source_dir"
    {
        echo "apiVersion: kustomize.config.k8s.io/v1beta1"
        echo "kind: Kustomization"
        echo "resources:"
        echo "  - $(realpath --relative-to="$source_dir" "$overlay_dir")"
        echo "components:"
        for component in "${COMPONENTS[@]}"; do
            echo "  - $(realpath --relative-to="$source_dir" "$K8S_DIR/components/$component")"
        done
    } >"$source_dir/kustomization.yaml"
fi
kube kustomize "$source_dir" >"$WORK/manifests.yaml"

# One line per rendered object: kind, namespace, name, and for a Deployment its images and whether it uses the host's
# network. kustomize writes canonical YAML (documents split by ---, metadata keys two spaces in), so awk suffices.
awk '
    function flush() {
        if (kind != "") print kind, (namespace == "" ? "-" : namespace), name, (images == "" ? "-" : images), host
        kind = namespace = name = images = ""; host = "-"
    }
    BEGIN { host = "-" }
    /^---/ { flush(); next }
    /^[a-zA-Z]/ { top = $1 }
    /^kind: / { kind = $2 }
    top == "metadata:" && /^  name: / { name = $2 }
    top == "metadata:" && /^  namespace: / { namespace = $2 }
    kind == "Deployment" && /^ +image: / { images = images (images == "" ? "" : ",") $2 }
    kind == "Deployment" && /^ +hostNetwork: true/ { host = "hostNetwork" }
    END { flush() }' "$WORK/manifests.yaml" >"$WORK/objects.txt"
NAMESPACE=$(awk '$1 == "Deployment" {print $2; exit}' "$WORK/objects.txt")
KAFKA_CLUSTER=$(awk '$1 == "Kafka" {print $3; exit}' "$WORK/objects.txt")
mapfile -t DEPLOYMENTS < <(awk '$1 == "Deployment" {print $3}' "$WORK/objects.txt")
echo "overlay ${OVERLAY}${COMPONENTS[*]:+ + ${COMPONENTS[*]}}: namespace $NAMESPACE, Kafka cluster $KAFKA_CLUSTER," \
    "${#DEPLOYMENTS[@]} Deployments"

# Images pushed to the MicroK8s registry can be checked before anything is applied: a missing tag would only show
# later as ImagePullBackOff.
if curl -fsS --max-time 3 http://localhost:32000/v2/ >/dev/null 2>&1; then
    while read -r _ _ _ images _; do
        for image in ${images//,/ }; do
            [[ $image == localhost:32000/* ]] || continue
            repository=${image#localhost:32000/}
            tag=${repository##*:}
            repository=${repository%:*}
            if ! curl -fsS --max-time 3 "http://localhost:32000/v2/$repository/tags/list" | grep -q "\"$tag\""; then
                echo "warning: $image is not in the MicroK8s registry; run deploy/microk8s/build-images.sh" >&2
            fi
        done
    done < <(awk '$1 == "Deployment"' "$WORK/objects.txt")
fi

# --- 2. Strimzi -------------------------------------------------------------------------------------------------------
if ((STRIMZI)) && ! kube get crd kafkas.kafka.strimzi.io >/dev/null 2>&1; then
    step "Strimzi cluster operator $STRIMZI_VERSION (namespace $NAMESPACE)"
    kube create namespace "$NAMESPACE" --dry-run=client -o yaml | kube apply -f -
    strimzi_operator_manifest "$STRIMZI_VERSION" "$NAMESPACE" >"$WORK/strimzi.yaml"
    kube create -n "$NAMESPACE" -f "$WORK/strimzi.yaml"
    kube wait --for=condition=Established --timeout="${TIMEOUT}s" crd/kafkas.kafka.strimzi.io \
        crd/kafkanodepools.kafka.strimzi.io crd/kafkatopics.kafka.strimzi.io crd/kafkausers.kafka.strimzi.io
    kube -n "$NAMESPACE" rollout status deployment/strimzi-cluster-operator --timeout="${TIMEOUT}s"
fi

# --- 3. Secrets -------------------------------------------------------------------------------------------------------
step "Secrets"
KUBECTL="${KUBE[*]}" NAMESPACE="$NAMESPACE" "$K8S_DIR/create-secrets.sh"

# --- 4. Apply ---------------------------------------------------------------------------------------------------------
step "kubectl apply ($OVERLAY)"
kube apply -f "$WORK/manifests.yaml"

# --- 5. Wait ----------------------------------------------------------------------------------------------------------
step "waiting for Kafka cluster $KAFKA_CLUSTER (3 brokers take a few minutes on first start)"
kube -n "$NAMESPACE" wait "kafka/$KAFKA_CLUSTER" --for=condition=Ready --timeout="${TIMEOUT}s"
# The services mount their KafkaUser's Secret, which the User Operator writes once the user is Ready.
kube -n "$NAMESPACE" wait kafkauser --all --for=condition=Ready --timeout="${TIMEOUT}s"
step "waiting for ${#DEPLOYMENTS[@]} rollouts"
for deployment in "${DEPLOYMENTS[@]}"; do
    kube -n "$NAMESPACE" rollout status "deployment/$deployment" --timeout="${TIMEOUT}s"
done

# --- 6. Endpoints -----------------------------------------------------------------------------------------------------
step "endpoints (namespace $NAMESPACE)"
node_ip=$(kube get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
printf '%-24s %-22s %-18s %s\n' SERVICE CLUSTER-ADDRESS NODE "PORT-FORWARD (then http://localhost:<port>/q/health)"
while read -r _ _ name _ host_network; do
    read -r type cluster_ip port node_port < <(kube -n "$NAMESPACE" get service "$name" \
        -o jsonpath='{.spec.type} {.spec.clusterIP} {.spec.ports[0].port} {.spec.ports[0].nodePort}{"\n"}') || continue
    local_port=${STREAMFLEET_LOCAL_PORT[$name]:-8080}
    node="-"
    [[ $type == NodePort || $type == LoadBalancer ]] && [[ -n ${node_port:-} ]] && node="$node_ip:$node_port"
    # A host-network pod listens on the node itself, on the container port (8080).
    [[ $host_network == hostNetwork ]] && node="$node_ip:8080"
    printf '%-24s %-22s %-18s %s\n' "$name" "$cluster_ip:$port" "$node" \
        "${KUBE[*]} -n $NAMESPACE port-forward svc/$name $local_port:$port"
done < <(awk '$1 == "Deployment"' "$WORK/objects.txt")
echo
echo "Metrics: every service serves /q/metrics, and VictoriaMetrics scrapes them all:"
echo "  ${KUBE[*]} -n $NAMESPACE port-forward svc/victoria-metrics 8428:8428"
