#!/usr/bin/env bash
# Tests the deploy/microk8s scripts where no cluster exists: argument handling, the image-kind detection of
# build-images.sh, and the command sequence deploy.sh and undeploy.sh send to kubectl/microk8s, against stubs that log
# every call. The manifests are the real deploy/k8s overlays, rendered by the real `kubectl kustomize`.
# (The jib build and push themselves are proven by prove-images-offline.sh.) Takes a few seconds; exits 1 on a failure.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export K8S_DIR="${K8S_DIR:-$ROOT/deploy/k8s}"
REAL_KUBECTL=$(command -v kubectl || true)
export REAL_KUBECTL

STUBS=$(mktemp -d "${TMPDIR:-/tmp}/streamfleet-script-tests.XXXXXX")
trap 'rm -rf "$STUBS"' EXIT
export CALLS="$STUBS/calls.log" APPLIED="$STUBS/applied.yaml" DELETED="$STUBS/deleted.yaml" CREATED="$STUBS/created.yaml"
passed=0
failed=0

not() { ! "$@"; }
check() {
    local description=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $description"
        [[ -f $STUBS/out ]] && sed 's/^/    | /' "$STUBS/out" | tail -20
    fi
}
output_has() { grep -qF -- "$1" "$STUBS/out"; }
output_lacks() { ! grep -qF -- "$1" "$STUBS/out"; }
called() { grep -qF -- "$1" "$CALLS"; }
not_called() { ! grep -qF -- "$1" "$CALLS"; }
# The calls matching $1, in order, must be exactly the remaining arguments.
calls_in_order() {
    local pattern=$1
    shift
    diff <(grep -F -- "$pattern" "$CALLS") <(printf '%s\n' "$@") >/dev/null
}
exit_code_is() {
    local expected=$1 actual=0
    shift
    "$@" >"$STUBS/out" 2>&1 || actual=$?
    [[ $actual == "$expected" ]]
}

# --- Stubs ------------------------------------------------------------------------------------------------------------
mkdir -p "$STUBS/bin" "$STUBS/bin-native" "$STUBS/bin-docker"
cat >"$STUBS/bin/kubectl" <<'EOF'
#!/usr/bin/env bash
echo "kubectl $*" >>"$CALLS"
args=" $* "
case "$args" in
    " kustomize "*) exec "$REAL_KUBECTL" "$@" ;;
    *" get crd "*) [[ -n ${STUB_STRIMZI_PRESENT:-} ]] ;;
    *" get secret "*) exit 1 ;;
    *" --dry-run=client -o yaml "*) printf 'apiVersion: v1\nkind: Stub\n' ;;
    *" apply -f - "*) cat >/dev/null ;;
    *" apply -f "*) cp "${@: -1}" "$APPLIED" ;;
    *" create -n "*" -f "*) cp "${@: -1}" "$CREATED" ;;
    *" delete -f "*)
        previous=""
        for arg in "$@"; do
            [[ $previous == -f && -f $arg ]] && cp "$arg" "$DELETED"
            previous=$arg
        done
        ;;
    *" get nodes "*) printf '192.0.2.10' ;;
    *" get service "*) printf 'ClusterIP 10.152.183.7 80 \n' ;;
    *) exit 0 ;;
esac
EOF
cat >"$STUBS/bin/microk8s" <<'EOF'
#!/usr/bin/env bash
echo "microk8s $*" >>"$CALLS"
[[ $1 == kubectl ]] && { shift; exec kubectl "$@"; }
exit 0
EOF
# curl: Strimzi's release manifest (namespace myproject, as released) and nothing else (no MicroK8s registry here).
cat >"$STUBS/bin/curl" <<'EOF'
#!/usr/bin/env bash
echo "curl $*" >>"$CALLS"
case "$*" in
    *strimzi-kafka-operator/releases/download/*)
        printf 'kind: Deployment\nmetadata:\n  name: strimzi-cluster-operator\n  namespace: myproject\n' ;;
    *) exit 7 ;;
esac
EOF
printf '#!/bin/sh\nexit 0\n' >"$STUBS/bin-native/native-image"
# shellcheck disable=SC2016 # expanded by the stub, not here
printf '#!/bin/sh\necho "docker $*" >>"$CALLS"\nexit 0\n' >"$STUBS/bin-docker/docker"
# A docker client with no daemon behind it, as on the development machines.
mkdir -p "$STUBS/bin-dead-docker"
printf '#!/bin/sh\necho "Cannot connect to the Docker daemon" >&2\nexit 1\n' >"$STUBS/bin-dead-docker/docker"
# Only microk8s (and what lib.sh itself runs): no kubectl.
mkdir -p "$STUBS/bin-no-kubectl"
cp "$STUBS/bin/microk8s" "$STUBS/bin-no-kubectl/"
ln -s "$(command -v dirname)" "$STUBS/bin-no-kubectl/dirname"
chmod +x "$STUBS"/bin*/*
BASE_PATH="$STUBS/bin-dead-docker:$STUBS/bin:/usr/local/bin:/usr/bin:/bin"
no_tool_on_path() { ! PATH="$BASE_PATH" command -v "$1" >/dev/null; }
check "test setup: no native-image or podman on the base PATH" no_tool_on_path native-image
check "test setup: no podman on the base PATH" no_tool_on_path podman

build() { PATH="$1" "$HERE/build-images.sh" "${@:2}"; }

# --- build-images.sh --------------------------------------------------------------------------------------------------
check "build: JVM when no native-image and docker does not answer" exit_code_is 0 build "$BASE_PATH" --dry-run
check "build: JVM kind reported" output_has "kind:     JVM (no native-image and no working docker/podman here)"
check "build: JVM build has no native flags" output_lacks "quarkus.native.enabled"
check "build: pushes to localhost:32000 by default" output_has "-Dquarkus.container-image.registry=localhost:32000"
check "build: all six modules" output_has \
    "-pl simulator-service,eeg-ingest-service,prediction-service,drone-command-service,widget-order-service,telemetry-sink-service"
check "build: through the images profile" output_has "-Pimages -DskipTests package"

check "build: native-image on PATH" exit_code_is 0 build "$STUBS/bin-native:$BASE_PATH" --dry-run
check "build: native with the local native-image" output_has "kind:     native, with $STUBS/bin-native/native-image"
check "build: local native build, not in a container" output_lacks "container-build"

check "build: working docker" exit_code_is 0 build "$STUBS/bin-docker:$STUBS/bin:/usr/bin:/bin" --dry-run
check "build: native in a docker container" output_has \
    "-Dquarkus.native.enabled=true -Dquarkus.native.container-build=true -Dquarkus.native.container-runtime=docker"

check "build: --jvm wins over native-image" exit_code_is 0 build "$STUBS/bin-native:$BASE_PATH" --jvm --dry-run
check "build: --jvm builds JVM" output_lacks "quarkus.native.enabled"
check "build: --native without any toolchain fails" exit_code_is 1 build "$BASE_PATH" --native --dry-run
check "build: --native explains what is missing" output_has "needs GraalVM/Mandrel's native-image on PATH"

check "build: one service, another registry" exit_code_is 0 \
    build "$BASE_PATH" --registry 192.0.2.10:32000 --dry-run widget-order-service
check "build: only that module" output_has "-pl widget-order-service -am"
check "build: to that registry" output_has "-Dquarkus.container-image.registry=192.0.2.10:32000"
check "build: --import exports and imports each image" exit_code_is 0 build "$BASE_PATH" --import --dry-run prediction-service
check "build: --import tags for both overlays" output_has "--additional-tag streamfleet/prediction-service:"
check "build: --import loads into MicroK8s" output_has "microk8s images import"
check "build: --tag" exit_code_is 0 build "$BASE_PATH" --tag 1.2.3 --dry-run
check "build: --tag passed to jib" output_has "-Dquarkus.container-image.tag=1.2.3"
check "build: --tag latest refused" exit_code_is 2 build "$BASE_PATH" --tag latest --dry-run
if [[ -f $K8S_DIR/base/services/simulator-service.yaml ]]; then
    pinned=$(sed -n 's|^ *image: streamfleet/simulator-service:||p' "$K8S_DIR/base/services/simulator-service.yaml")
    check "build: default tag is the one the manifests pin ($pinned)" exit_code_is 0 build "$BASE_PATH" --dry-run
    check "build: tag $pinned reported" output_has "tag:      $pinned"
    check "build: tag $pinned given to jib" output_has "-Dquarkus.container-image.tag=$pinned"
fi
check "build: unknown service" exit_code_is 2 build "$BASE_PATH" --dry-run order-service
check "build: --registry without a value" exit_code_is 2 build "$BASE_PATH" --registry
check "build: unknown option" exit_code_is 2 build "$BASE_PATH" --fast

if [[ -z $REAL_KUBECTL || ! -f $K8S_DIR/overlays/microk8s/kustomization.yaml ]]; then
    echo "skipped deploy.sh/undeploy.sh tests: kubectl or $K8S_DIR/overlays missing"
else
    deploy() { : >"$CALLS"; PATH="$BASE_PATH" "$HERE/deploy.sh" "$@"; }

    # --- deploy.sh ----------------------------------------------------------------------------------------------------
    check "deploy: runs against stubs" exit_code_is 0 deploy
    check "deploy: addons in order" calls_in_order "microk8s enable" \
        "microk8s enable dns" "microk8s enable hostpath-storage" "microk8s enable registry"
    check "deploy: Strimzi 0.51.0 fetched when its CRD is absent" called \
        "curl -fsSL https://github.com/strimzi/strimzi-kafka-operator/releases/download/0.51.0/strimzi-cluster-operator-0.51.0.yaml"
    check "deploy: Strimzi created in the overlay's namespace" grep -q "^  namespace: streamfleet$" "$CREATED"
    check "deploy: no other namespace left in Strimzi's manifest" not grep -q "myproject" "$CREATED"
    check "deploy: waits for the Strimzi operator" called \
        "kubectl -n streamfleet rollout status deployment/strimzi-cluster-operator"
    check "deploy: secrets through deploy/k8s/create-secrets.sh" called \
        "kubectl -n streamfleet create secret generic streamfleet-operators"
    check "deploy: applies the rendered overlay" called "kubectl apply -f "
    check "deploy: applied the microk8s overlay's images" grep -q "image: localhost:32000/streamfleet/widget-order-service:" \
        "$APPLIED"
    order=$(grep -nE "create -n streamfleet -f|create secret generic streamfleet-operators|apply -f /|wait kafka/streamfleet" \
        "$CALLS" | sed -E 's/^([0-9]+):.*(create -n|create secret|apply -f|wait kafka).*/\2/' | paste -sd'|')
    check "deploy: order Strimzi | secrets | apply | wait (was: $order)" \
        test "$order" = "create -n|create secret|apply -f|wait kafka"
    check "deploy: waits for Kafka Ready" called \
        "kubectl -n streamfleet wait kafka/streamfleet --for=condition=Ready --timeout=600s"
    check "deploy: waits for the KafkaUsers" called "kubectl -n streamfleet wait kafkauser --all --for=condition=Ready"
    check "deploy: one rollout wait per service Deployment" test \
        "$(grep -c "rollout status deployment/.*-service --timeout" "$CALLS")" -eq 6
    check "deploy: endpoint with port-forward on the DESIGN.md port" output_has \
        "kubectl -n streamfleet port-forward svc/widget-order-service 8085:80"
    check "deploy: simulator on 8081" output_has "port-forward svc/simulator-service 8081:80"
    check "deploy: cluster address printed" output_has "10.152.183.7:80"
    check "deploy: host-network drone reachable on the node" grep -qE "^drone-command-service +10.152.183.7:80 +192.0.2.10:8080" \
        "$STUBS/out"

    STUB_STRIMZI_PRESENT=1
    export STUB_STRIMZI_PRESENT
    check "deploy --dev --jvm with Strimzi present" exit_code_is 0 deploy --dev --jvm --timeout 30
    check "deploy --dev: no registry addon" not_called "microk8s enable registry"
    check "deploy: Strimzi left alone when present" not_called "strimzi-cluster-operator-"
    check "deploy --jvm: JVM memory applied" grep -q "memory: 512Mi" "$APPLIED"
    check "deploy --jvm: heap share set" grep -q "MaxRAMPercentage=70" "$APPLIED"
    check "deploy --dev: plain image names" grep -q "image: streamfleet/widget-order-service:" "$APPLIED"
    check "deploy: --timeout passed on" called "rollout status deployment/widget-order-service --timeout=30s"
    # shellcheck disable=SC2016 # expanded by the inner bash
    check "deploy: microk8s kubectl when kubectl is absent" exit_code_is 0 env PATH="$STUBS/bin-no-kubectl" \
        /bin/bash -c 'source "$1"; resolve_kubectl; echo "kube: ${KUBE[*]}"' _ "$HERE/lib.sh"
    check "deploy: resolve_kubectl picked microk8s kubectl" output_has "kube: microk8s kubectl"
    check "deploy: --timeout needs a number" exit_code_is 2 deploy --timeout soon
    check "deploy: unknown argument" exit_code_is 2 deploy --prod
    unset STUB_STRIMZI_PRESENT

    # --- undeploy.sh --------------------------------------------------------------------------------------------------
    undeploy() { : >"$CALLS"; PATH="$BASE_PATH" "$HERE/undeploy.sh" "$@"; }
    check "undeploy: runs" exit_code_is 0 undeploy
    check "undeploy: deletes the overlay's objects" called "kubectl delete -f "
    check "undeploy: keeps the namespace" not_called "delete namespace"
    # Every object kustomize writes has exactly one top-level `kind:` line.
    documents() { grep -c '^kind: ' "$1"; }
    check "undeploy: the Namespace object is not among the deleted" not grep -q "^kind: Namespace" "$DELETED"
    check "undeploy: every other object is (one document fewer than the overlay)" test \
        "$(documents "$DELETED")" -eq "$(($("$REAL_KUBECTL" kustomize "$K8S_DIR/overlays/microk8s" >"$STUBS/all.yaml" &&
            documents "$STUBS/all.yaml") - 1))"
    check "undeploy: keeps the volumes" not_called "delete pvc"
    check "undeploy --purge" exit_code_is 0 undeploy --purge
    check "undeploy --purge: removes the Strimzi operator" called "strimzi-cluster-operator-0.51.0.yaml"
    check "undeploy --purge: deletes the PVCs" called "kubectl -n streamfleet delete pvc --all"
    check "undeploy --purge: deletes the namespace" called "kubectl delete namespace streamfleet"
fi

echo "deploy/microk8s script checks: $passed passed, $failed failed"
((failed == 0))
