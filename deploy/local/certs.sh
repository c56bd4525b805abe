#!/usr/bin/env bash
# Certificates for the local 3-broker mTLS Kafka cluster (deploy/local/run.sh --cluster, and the cluster tests).
#
# Usage: deploy/local/certs.sh [--force] [--brokers N] <out-dir>
#
# Writes into <out-dir> (created if missing), with openssl and keytool:
#   ca.crt, ca.key                  a local CA (RSA 2048, 10 years); the key stays in <out-dir>
#   ca.p12, ca.password             PKCS12 truststore holding the CA certificate (as Strimzi's cluster CA secret)
#   kafka-broker-<i>.p12/.password  one keystore per broker i = 0..N-1 (default N=3): subject CN=kafka-broker-<i>,
#                                   SAN DNS:localhost, IP:127.0.0.1, usable as server and (inter-broker) client
#   <principal>.p12/.password       one client keystore per principal, subject CN=<principal>, for the six services
#                                   (simulator-service, eeg-ingest-service, prediction-service, drone-command-service,
#                                   widget-order-service, telemetry-sink-service), streamfleet-admin (the super user
#                                   that creates topics and ACLs) and intruder (signed by the same CA, given no ACLs)
#   <name>.crt, <name>.key          the PEM certificate and key behind each keystore
# Kafka's principal for a client certificate is its subject, so the services are User:CN=<service>, as with Strimzi.
# Every password is random and written to its own file next to its keystore; keys and password files are mode 600.
#
# Idempotent: an existing CA is reused, and a keystore that exists and was signed by that CA is kept, so running it
# again only fills in what is missing. --force deletes everything in <out-dir> that this script writes and starts over
# with a new CA (every keystore then changes: restart the cluster and the services).
set -euo pipefail

SERVICES=(simulator-service eeg-ingest-service prediction-service drone-command-service widget-order-service
    telemetry-sink-service)
CLIENTS=("${SERVICES[@]}" streamfleet-admin intruder)
DAYS=3650

usage() { sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

FORCE=false
BROKERS=3
OUT=""
while (($# > 0)); do
    case "$1" in
        --force) FORCE=true ;;
        --brokers)
            BROKERS=${2:?--brokers needs a number}
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        -*)
            echo "certs.sh: unknown option $1 (see --help)" >&2
            exit 2
            ;;
        *)
            [[ -n $OUT ]] && { echo "certs.sh: only one <out-dir> (see --help)" >&2; exit 2; }
            OUT=$1
            ;;
    esac
    shift
done
[[ -n $OUT ]] || { usage >&2; exit 2; }
[[ $BROKERS =~ ^[1-9][0-9]*$ ]] || { echo "certs.sh: --brokers must be a positive number" >&2; exit 2; }
command -v openssl >/dev/null || { echo "certs.sh: openssl not found" >&2; exit 1; }
command -v keytool >/dev/null || { echo "certs.sh: keytool not found (it comes with the JDK)" >&2; exit 1; }

umask 077
mkdir -p "$OUT"
cd "$OUT"

if $FORCE; then
    rm -f ca.crt ca.key ca.srl ca.p12 ca.password ./*.p12 ./*.password ./*.crt ./*.key ./*.csr ./*.ext
fi

new_password() { openssl rand -hex 16; }

# --- CA -------------------------------------------------------------------------------------------------------------
if [[ ! -f ca.key || ! -f ca.crt ]]; then
    echo "certs.sh: new CA in $OUT"
    openssl req -x509 -newkey rsa:2048 -nodes -days "$DAYS" -subj "/CN=streamfleet-local-ca" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout ca.key -out ca.crt 2>/dev/null
    rm -f ca.p12 ca.password
fi
if [[ ! -f ca.p12 || ! -f ca.password ]]; then
    # keytool, not openssl: Java only trusts a PKCS12 certificate entry that carries keytool's trusted-cert attribute.
    new_password >ca.password
    rm -f ca.p12
    keytool -importcert -noprompt -alias streamfleet-ca -file ca.crt -keystore ca.p12 -storetype PKCS12 \
        -storepass "$(cat ca.password)" >/dev/null
fi

# --- Leaf certificates ----------------------------------------------------------------------------------------------
# signed_by_ca NAME: the keystore's certificate exists and verifies against the current CA.
signed_by_ca() { [[ -f $1.p12 && -f $1.password && -f $1.crt ]] && openssl verify -CAfile ca.crt "$1.crt" >/dev/null 2>&1; }

# issue NAME EXTENSIONS: key, CA-signed certificate with subject CN=NAME, and NAME.p12 protected by NAME.password.
issue() {
    local name=$1 extensions=$2 password
    signed_by_ca "$name" && return
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" -keyout "$name.key" -out "$name.csr" 2>/dev/null
    printf '%s\n' "$extensions" >"$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$DAYS" -sha256 \
        -extfile "$name.ext" -out "$name.crt" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
    password=$(new_password)
    printf '%s\n' "$password" >"$name.password"
    openssl pkcs12 -export -name "$name" -inkey "$name.key" -in "$name.crt" -certfile ca.crt \
        -passout "pass:$password" -out "$name.p12"
    echo "certs.sh: issued CN=$name"
}

for ((i = 0; i < BROKERS; i++)); do
    issue "kafka-broker-$i" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:localhost,IP:127.0.0.1"
done
for client in "${CLIENTS[@]}"; do
    issue "$client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
done
chmod 600 ./*.key ./*.password ./*.p12
chmod 644 ./*.crt ca.p12
echo "certs.sh: CA, $BROKERS broker and ${#CLIENTS[@]} client keystores in $(pwd)"
