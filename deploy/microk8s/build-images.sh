#!/usr/bin/env bash
# Builds every streamfleet service's container image without a Docker daemon (quarkus-container-image-jib, Maven
# profile `images`) and delivers it to MicroK8s: pushed to its built-in registry (localhost:32000, the default) or
# imported into its containerd (--import). Native images when they can be built here, JVM images otherwise.
# See usage() below, or run it with --help.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: deploy/microk8s/build-images.sh [--native | --jvm] [--registry HOST:PORT | --import] [--tag TAG] [--dry-run]
                                      [SERVICE...]

Builds and delivers the images streamfleet/<service>:<tag>. The tag is the one deploy/k8s's Deployments pin (so
deploy.sh finds the images), or the project version ($(project_version)) when there are no manifests; --tag overrides.

Image kind (default: detected)
  --native   native executables (GraalVM/Mandrel's native-image on PATH, or else a container build with docker or
             podman, quarkus.native.container-build=true)
  --jvm      JVM images (fast-jar on ubi9/openjdk-17-runtime)
  Detection: native-image on PATH -> native; a docker or podman that answers -> native, built in a container;
  neither -> JVM.

Delivery (default: push to localhost:32000)
  --registry HOST:PORT  push there instead (e.g. <node-ip>:32000 from another machine; plain HTTP is allowed)
  --import              no registry: push to a temporary loopback registry (Debian docker-registry), export each image
                        with skopeo as a docker-archive tagged localhost:32000/streamfleet/<service>:<tag>, and load it
                        with 'microk8s images import'

  --tag TAG  the image tag (never latest)
  --dry-run  print the detected kind and the commands, run nothing
  SERVICE... only these services (default: all six: ${STREAMFLEET_SERVICES[*]})
EOF
}

KIND=auto
REGISTRY=localhost:32000
IMPORT=0
TAG=""
DRY_RUN=0
SERVICES=()
while (($#)); do
    case "$1" in
        --native) KIND=native ;;
        --jvm) KIND=jvm ;;
        --registry)
            [[ $# -ge 2 && -n $2 ]] || { echo "--registry needs HOST:PORT" >&2; exit 2; }
            REGISTRY=$2
            shift
            ;;
        --import) IMPORT=1 ;;
        --tag)
            [[ $# -ge 2 && -n $2 && $2 != latest ]] || { echo "--tag needs a tag other than latest" >&2; exit 2; }
            TAG=$2
            shift
            ;;
        --dry-run) DRY_RUN=1 ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
        *)
            is_service "$1" || { echo "unknown service: $1 (one of: ${STREAMFLEET_SERVICES[*]})" >&2; exit 2; }
            SERVICES+=("$1")
            ;;
    esac
    shift
done
((${#SERVICES[@]})) || SERVICES=("${STREAMFLEET_SERVICES[@]}")
K8S_DIR="${K8S_DIR:-$STREAMFLEET_ROOT/deploy/k8s}"
if [[ -z $TAG ]]; then
    # The tag of the first service's image in its Deployment: the manifests pin one tag for all six.
    manifest="$K8S_DIR/base/services/${SERVICES[0]}.yaml"
    [[ -f $manifest ]] && TAG=$(sed -n "s|^ *image: streamfleet/${SERVICES[0]}:||p" "$manifest" | head -1)
    TAG=${TAG:-$(project_version)}
fi

# A container runtime counts only if its daemon (or podman's service) answers: the docker client alone cannot build.
container_runtime() {
    local runtime
    for runtime in docker podman; do
        if command -v "$runtime" >/dev/null && "$runtime" info >/dev/null 2>&1; then
            echo "$runtime"
            return 0
        fi
    done
    return 1
}

native_args=()
if [[ $KIND == auto || $KIND == native ]]; then
    if command -v native-image >/dev/null; then
        KIND=native
        native_args=(-Dquarkus.native.enabled=true)
        how="native, with $(command -v native-image)"
    elif runtime=$(container_runtime); then
        KIND=native
        native_args=(-Dquarkus.native.enabled=true -Dquarkus.native.container-build=true
            -Dquarkus.native.container-runtime="$runtime")
        how="native, built in a $runtime container (quarkus.native.container-build)"
    elif [[ $KIND == native ]]; then
        echo "--native needs GraalVM/Mandrel's native-image on PATH, or a working docker or podman" >&2
        exit 1
    else
        KIND=jvm
        how="JVM (no native-image and no working docker/podman here)"
    fi
else
    how="JVM (--jvm)"
fi

if ((IMPORT)); then
    command -v microk8s >/dev/null || ((DRY_RUN)) || { echo "--import needs the microk8s command" >&2; exit 1; }
    delivery="import into MicroK8s via a temporary loopback registry"
else
    delivery="push to $REGISTRY"
fi
echo "images: ${SERVICES[*]}"
echo "kind:     $how"
echo "delivery: $delivery"
echo "tag:      $TAG"

modules=$(IFS=,; echo "${SERVICES[*]}")
mvn=("$STREAMFLEET_ROOT/mvnw" -B -ntp -f "$STREAMFLEET_ROOT/pom.xml" -Pimages -DskipTests package -pl "$modules" -am
    -Dquarkus.container-image.tag="$TAG" "${native_args[@]}")

if ((DRY_RUN)); then
    if ((IMPORT)); then
        echo "would run: ${mvn[*]} -Dquarkus.container-image.registry=127.0.0.1:<free port>"
        for svc in "${SERVICES[@]}"; do
            echo "would run: skopeo copy docker://127.0.0.1:<port>/streamfleet/$svc:$TAG" \
                "docker-archive:<tmp>/$svc.tar:localhost:32000/streamfleet/$svc:$TAG" \
                "--additional-tag streamfleet/$svc:$TAG && microk8s images import <tmp>/$svc.tar"
        done
    else
        echo "would run: ${mvn[*]} -Dquarkus.container-image.registry=$REGISTRY"
    fi
    exit 0
fi

if ((!IMPORT)); then
    "${mvn[@]}" -Dquarkus.container-image.registry="$REGISTRY"
    for svc in "${SERVICES[@]}"; do
        echo "pushed $REGISTRY/streamfleet/$svc:$TAG"
    done
    exit 0
fi

ensure_debian_packages "docker-registry skopeo" docker-registry skopeo
work=$(mktemp -d "${TMPDIR:-/tmp}/streamfleet-images.XXXXXX")
start_local_registry "$work/registry"
trap 'kill "$LOCAL_REGISTRY_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
"${mvn[@]}" -Dquarkus.container-image.registry="$LOCAL_REGISTRY"
for svc in "${SERVICES[@]}"; do
    archive="$work/$svc.tar"
    # Both names: the microk8s overlay pulls localhost:32000/streamfleet/..., the dev overlay streamfleet/...
    skopeo copy -q --src-tls-verify=false --additional-tag "streamfleet/$svc:$TAG" \
        "docker://$LOCAL_REGISTRY/streamfleet/$svc:$TAG" "docker-archive:$archive:localhost:32000/streamfleet/$svc:$TAG"
    microk8s images import <"$archive"
    rm -f "$archive"
    echo "imported localhost:32000/streamfleet/$svc:$TAG"
done
