#!/usr/bin/env bash
# Proves the daemonless image path without a network, a Docker daemon or a cluster: a local registry (Debian's
# docker-registry) on a free loopback port stands in for MicroK8s' localhost:32000, a JVM base image is assembled here
# (a jlink'd Java 17 runtime from the local JDK in a minimal root filesystem, given to jib as tar://), jib pushes every
# service's image to that registry (./mvnw -Pimages), and skopeo reads each image back: the entrypoint, user, working
# directory, TCP ports and environment must equal the service's src/main/docker/Dockerfile.jvm, and the tag must be the
# one expected. Native images cannot be built here: the jib native settings are compared with each Dockerfile.native.
# Then one image is exported as a docker-archive tar (skopeo copy) and started without a container runtime
# (tools/run_image.py: layers unpacked, entrypoint run chrooted as the image's user) until /q/health/live answers.
# Exits non-zero on any mismatch or failure. Fit for CI (a few minutes); see usage().
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$STREAMFLEET_ROOT
TOOLS="$ROOT/deploy/microk8s/tools"

usage() {
    cat <<EOF
Usage: deploy/microk8s/prove-images-offline.sh [--run SERVICE | --no-run] [--keep] [SERVICE...]

  SERVICE...     the services to build and check (default: all six)
  --run SERVICE  the image exported and started (default: widget-order-service, or the first SERVICE given); the
                 start needs root (chroot, unshare) and is skipped without it
  --no-run       export nothing, start nothing
  --keep         keep the registry storage, the base root filesystem and the started image's root filesystem

Installs docker-registry and skopeo with apt-get when missing (needs root or sudo). Work files, the registry's storage
and logs live in target/images-proof/. The registry is stopped on exit.
EOF
}

KEEP=0
RUN=""
NO_RUN=0
SERVICES=()
while (($#)); do
    case "$1" in
        --keep) KEEP=1 ;;
        --run)
            if [[ $# -lt 2 ]] || ! is_service "$2"; then
                echo "--run needs a service name" >&2
                exit 2
            fi
            RUN=$2
            shift
            ;;
        --no-run) NO_RUN=1 ;;
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
if [[ -z $RUN ]]; then
    RUN=${SERVICES[0]}
    [[ " ${SERVICES[*]} " == *" widget-order-service "* ]] && RUN=widget-order-service
fi
[[ " ${SERVICES[*]} " == *" $RUN "* ]] || { echo "--run $RUN: not among the services built" >&2; exit 2; }

WORK="$ROOT/target/images-proof"
started=$SECONDS
step() { printf '[%4ds] %s\n' $((SECONDS - started)) "$*"; }

# --- Tools ------------------------------------------------------------------------------------------------------------
if ! command -v docker-registry >/dev/null || ! command -v skopeo >/dev/null; then
    # The package also ships a system service on :5000; it stays unused: this script runs its own instance.
    step "installing docker-registry and skopeo (apt-get)"
    ensure_debian_packages "docker-registry skopeo" docker-registry skopeo
fi
JAVA_BIN=$(readlink -f "$(command -v java)")
JDK_HOME=$(dirname "$(dirname "$JAVA_BIN")")
JLINK="$JDK_HOME/bin/jlink"
[[ -x $JLINK && -d $JDK_HOME/jmods ]] || {
    echo "jlink and the jmods of the JDK on PATH ($JDK_HOME) are needed (Debian: openjdk-17-jdk-headless)" >&2
    exit 1
}
java_feature=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[[ $java_feature == 17 ]] || echo "warning: the JDK on PATH is $java_feature; the images' runtime is meant to be 17" >&2

TAG=$(project_version)

rm -rf "$WORK"
mkdir -p "$WORK/inspect"

# No native executable can be built here, so native images cannot be pushed and read back: their declarations are
# compared instead (the root pom's jib native settings against every Dockerfile.native).
dockerfiles=()
for svc in "${SERVICES[@]}"; do dockerfiles+=("$ROOT/$svc/src/main/docker/Dockerfile.native"); done
python3 "$TOOLS/check_native_config.py" "$ROOT/pom.xml" "${dockerfiles[@]}"

# --- Registry on a free loopback port ---------------------------------------------------------------------------------
cleanup() {
    # `wait` reports the registry's SIGTERM (143); that must not become the script's exit status under set -e.
    if [[ -n ${LOCAL_REGISTRY_PID:-} ]]; then
        kill "$LOCAL_REGISTRY_PID" 2>/dev/null || true
        wait "$LOCAL_REGISTRY_PID" 2>/dev/null || true
    fi
    ((KEEP)) || rm -rf "$WORK/registry/data" "$WORK/rootfs" "$WORK/run/rootfs"
}
trap cleanup EXIT
start_local_registry "$WORK/registry"
REGISTRY=$LOCAL_REGISTRY
step "registry $(docker-registry --version | awk '{print $NF}') on $REGISTRY (storage $WORK/registry/data)"

# --- JVM base image, built here: no pull ------------------------------------------------------------------------------
# Same contract as registry.access.redhat.com/ubi9/openjdk-17-runtime, the production base: `java` on PATH, uid 1001
# known, a writable /tmp, and /opt/jboss/container/java/run/run-java.sh starting $JAVA_APP_JAR with $JAVA_OPTS_APPEND.
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS"/{etc,tmp,bin,deployments,opt/jboss/container/java/run}
chmod 1777 "$ROOTFS/tmp"
# Uncompressed modules: jib gzips the layer anyway, and jlink's own compression doubles its time.
"$JLINK" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress=0 --output "$ROOTFS/opt/java"
# Debian's JDK links cacerts and the security policy files to /etc; the image carries the files themselves.
find "$ROOTFS/opt/java" -type l | while read -r link; do cp --remove-destination "$(readlink -f "$link")" "$link"; done
cp /bin/dash "$ROOTFS/bin/sh"
# The shared libraries the runtime and the shell load, at the paths the dynamic loader looks for them.
find "$ROOTFS/opt/java" "$ROOTFS/bin" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
    xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
        [[ $lib == "$ROOTFS"* ]] && continue
        mkdir -p "$ROOTFS$(dirname "$lib")"
        cp -L "$lib" "$ROOTFS$lib"
    done
printf 'root:x:0:0:root:/root:/sbin/nologin\ndefault:x:1001:0:streamfleet service:/tmp:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\n' >"$ROOTFS/etc/group"
cat >"$ROOTFS/opt/jboss/container/java/run/run-java.sh" <<'EOF'
#!/bin/sh
# Stand-in for the ubi9 openjdk images' run-java.sh: the same variables, none of its memory heuristics.
# shellcheck disable=SC2086 # the options are word lists
exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar "${JAVA_APP_JAR:?}" "$@"
EOF
chmod 755 "$ROOTFS/opt/jboss/container/java/run/run-java.sh"
BASE_TAR="$WORK/jvm-base.tar"
python3 "$TOOLS/base_image.py" "$ROOTFS" "$BASE_TAR" "streamfleet/jvm-base:17-local" \
    "PATH=/opt/java/bin:/usr/bin:/bin" "JAVA_HOME=/opt/java" "HOME=/tmp" >"$WORK/base-image.txt"
step "base image $(cat "$WORK/base-image.txt")"

# --- Jib build and push of every service ------------------------------------------------------------------------------
modules=$(IFS=,; echo "${SERVICES[*]}")
step "jib build + push of ${#SERVICES[@]} service(s) to $REGISTRY (./mvnw -Pimages package; log: $WORK/build.log)"
if ! "$ROOT/mvnw" -B -ntp -f "$ROOT/pom.xml" -Pimages -DskipTests package -pl "$modules" -am \
    -Dquarkus.container-image.registry="$REGISTRY" \
    -Dquarkus.jib.base-jvm-image="tar://$BASE_TAR" \
    -Dquarkus.jib.base-image-layers-cache="$WORK/jib-base-cache" \
    -Dquarkus.jib.application-layers-cache="$WORK/jib-app-cache" >"$WORK/build.log" 2>&1; then
    grep -E 'ERROR|Caused by' "$WORK/build.log" | head -40 >&2
    echo "the jib build failed; full log: $WORK/build.log" >&2
    exit 1
fi
grep -E 'Pushed container image|Created container image' "$WORK/build.log" | sed 's/^.*\] //' || true
step "build done"

# --- Read every image back and compare it with its Dockerfile ---------------------------------------------------------
failures=0
for svc in "${SERVICES[@]}"; do
    ref="docker://$REGISTRY/streamfleet/$svc:$TAG"
    if ! skopeo inspect --tls-verify=false "$ref" >"$WORK/inspect/$svc.json" 2>"$WORK/inspect/$svc.err" ||
        ! skopeo inspect --tls-verify=false --config "$ref" >"$WORK/inspect/$svc.config.json" 2>>"$WORK/inspect/$svc.err"; then
        echo "FAIL $svc:$TAG not in the registry: $(tr '\n' ' ' <"$WORK/inspect/$svc.err")"
        failures=$((failures + 1))
        continue
    fi
    python3 "$TOOLS/check_image.py" "$svc" "$ROOT/$svc/src/main/docker/Dockerfile.jvm" "$TAG" \
        "$WORK/inspect/$svc.json" "$WORK/inspect/$svc.config.json" || failures=$((failures + 1))
done

step "$((${#SERVICES[@]} - failures)) of ${#SERVICES[@]} images match their Dockerfile.jvm (registry $REGISTRY, tag $TAG)"
((failures == 0)) || exit 1

# --- Export one image as a tar and start it ---------------------------------------------------------------------------
((NO_RUN)) && exit 0
mkdir -p "$WORK/run"
archive="$WORK/run/$RUN-$TAG.tar"
# Named as the microk8s overlay pulls it: this file is what 'microk8s images import' would load.
skopeo copy -q --src-tls-verify=false "docker://$REGISTRY/streamfleet/$RUN:$TAG" \
    "docker-archive:$archive:localhost:32000/streamfleet/$RUN:$TAG"
step "exported $archive ($(du -m "$archive" | cut -f1) MiB, docker-archive)"
if ((EUID != 0)) || ! unshare --mount --pid --fork --mount-proc true 2>/dev/null; then
    step "not started: running an image without a container runtime needs root (chroot, unshare)"
    exit 0
fi
# Unreachable loopback addresses and throwaway passwords: the service must start (liveness) without its backends.
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
if ! python3 "$TOOLS/run_image.py" "$archive" "$WORK/run/rootfs" 180 "$WORK/run/$RUN.log" \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 KAFKA_SECURITY_PROTOCOL=PLAINTEXT MONGODB_URI=mongodb://127.0.0.1:1 \
    VICTORIA_METRICS_URL=http://127.0.0.1:1 OPERATOR_PASSWORD="$password" VIEWER_PASSWORD="$password" \
    INGEST_PASSWORD="$password"; then
    tail -30 "$WORK/run/$RUN.log" >&2
    exit 1
fi
step "$RUN started from its exported image"
