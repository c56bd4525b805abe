#!/usr/bin/env bash
# Removes what deploy/microk8s/deploy.sh applied. See usage() below, or run it with --help.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

K8S_DIR="${K8S_DIR:-$STREAMFLEET_ROOT/deploy/k8s}"
STRIMZI_VERSION="${STRIMZI_VERSION:-0.51.0}"

usage() {
    cat <<EOF
Usage: deploy/microk8s/undeploy.sh [--dev] [--purge] [--timeout SECONDS]

Deletes the objects of deploy/k8s/overlays/microk8s (--dev: overlays/dev): services, Kafka cluster, topics, users,
MongoDB, VictoriaMetrics. The namespace, its Secrets, the PersistentVolumeClaims (Kafka logs, MongoDB, VictoriaMetrics
data) and the Strimzi operator stay, so a later deploy.sh finds the data and passwords again.

  --purge   also delete the PersistentVolumeClaims, the Strimzi operator and the namespace (all data and Secrets)

MicroK8s addons stay enabled (microk8s disable registry|hostpath-storage|dns to remove them).
kubectl: \$KUBECTL if set, else kubectl, else microk8s kubectl.
EOF
}

OVERLAY=microk8s
PURGE=0
TIMEOUT=300
while (($#)); do
    case "$1" in
        --dev) OVERLAY=dev ;;
        --purge) PURGE=1 ;;
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

WORK=$(mktemp -d "${TMPDIR:-/tmp}/streamfleet-undeploy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
kube kustomize "$K8S_DIR/overlays/$OVERLAY" >"$WORK/manifests.yaml"
NAMESPACE=$(awk '/^kind: Namespace/ {ns = 1} ns && /^  name: / {print $2; exit}' "$WORK/manifests.yaml")
NAMESPACE=${NAMESPACE:-streamfleet}

# Everything but the Namespace object: deleting it would take the Secrets and volumes with it.
awk 'BEGIN { RS = "\n---\n"; ORS = "\n---\n" } !/(^|\n)kind: Namespace\n/' "$WORK/manifests.yaml" >"$WORK/objects.yaml"
# The Kafka custom resources go while the operator still runs, so it can clean up after them.
kube delete -f "$WORK/objects.yaml" --ignore-not-found --wait=true --timeout="${TIMEOUT}s"

if ((PURGE)); then
    kube -n "$NAMESPACE" delete pvc --all --ignore-not-found --timeout="${TIMEOUT}s"
    strimzi_operator_manifest "$STRIMZI_VERSION" "$NAMESPACE" >"$WORK/strimzi.yaml"
    kube -n "$NAMESPACE" delete -f "$WORK/strimzi.yaml" --ignore-not-found --timeout="${TIMEOUT}s"
    kube delete namespace "$NAMESPACE" --ignore-not-found --timeout="${TIMEOUT}s"
    echo "streamfleet, its data, its Secrets and the Strimzi operator are gone from namespace $NAMESPACE"
else
    echo "streamfleet removed from namespace $NAMESPACE; kept: the namespace, Secrets, PVCs and the Strimzi operator" \
        "(--purge removes them)"
fi
