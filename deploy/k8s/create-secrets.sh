#!/usr/bin/env bash
# Creates the Secrets streamfleet's manifests expect and that are not in git (deploy/k8s/README.md, "Secrets").
# Idempotent: a Secret that exists is kept as it is, never overwritten, so re-running it never changes a password.
# Strimzi makes the Kafka ones itself (streamfleet-cluster-ca-cert, one per KafkaUser).
#
#   deploy/k8s/create-secrets.sh                   # namespace streamfleet, random passwords
#   NAMESPACE=streamfleet OPERATOR_PASSWORD=... deploy/k8s/create-secrets.sh
#   KUBECTL="microk8s kubectl" deploy/k8s/create-secrets.sh
#
# Any password may be given in the environment (OPERATOR_PASSWORD, VIEWER_PASSWORD, INGEST_PASSWORD,
# MONGODB_ROOT_PASSWORD); the others are random (openssl rand). Read one back with e.g.
#   kubectl -n streamfleet get secret streamfleet-operators -o jsonpath='{.data.OPERATOR_PASSWORD}' | base64 -d
set -euo pipefail

NAMESPACE="${NAMESPACE:-streamfleet}"
read -r -a KUBECTL_CMD <<< "${KUBECTL:-kubectl}"

kube() { "${KUBECTL_CMD[@]}" "$@"; }

# Hex: safe inside the MongoDB connection string without URL-encoding.
random_password() { openssl rand -hex 24; }

# create_secret NAME KEY=VALUE...: only when NAME does not exist yet.
create_secret() {
  local name="$1"; shift
  if kube -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists in namespace $NAMESPACE: kept"
    return
  fi
  local literals=()
  for pair in "$@"; do literals+=("--from-literal=$pair"); done
  kube -n "$NAMESPACE" create secret generic "$name" "${literals[@]}" --dry-run=client -o yaml | kube apply -f -
}

command -v openssl >/dev/null || { echo "openssl is needed to generate passwords" >&2; exit 1; }

kube create namespace "$NAMESPACE" --dry-run=client -o yaml | kube apply -f -

# REST users of every service (docs/contracts.md): operator changes things, viewer reads.
create_secret streamfleet-operators \
  "OPERATOR_PASSWORD=${OPERATOR_PASSWORD:-$(random_password)}" \
  "VIEWER_PASSWORD=${VIEWER_PASSWORD:-$(random_password)}"

# The user that HTTP producers (EEG frames, orders) authenticate as at eeg-ingest- and widget-order-service.
create_secret streamfleet-ingest \
  "INGEST_PASSWORD=${INGEST_PASSWORD:-$(random_password)}"

# MongoDB's root user (the StatefulSet creates it on first start) and the URI widget-order-service connects with.
mongo_user="${MONGODB_ROOT_USERNAME:-streamfleet}"
mongo_password="${MONGODB_ROOT_PASSWORD:-$(random_password)}"
create_secret streamfleet-mongodb \
  "MONGO_INITDB_ROOT_USERNAME=$mongo_user" \
  "MONGO_INITDB_ROOT_PASSWORD=$mongo_password" \
  "MONGODB_URI=mongodb://$mongo_user:$mongo_password@mongodb:27017/?authSource=admin"
