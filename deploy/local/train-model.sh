#!/usr/bin/env bash
# Trains prediction-service's built-in model from simulator-labelled data, on a running local stack
# (deploy/local/run.sh): speeds up the simulator's EEG headsets, captures labelled eeg-features windows from Kafka,
# trains LDA on three quarters of them, prints the held-out accuracy and writes the model file the service loads.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
APP="$ROOT/prediction-service/target/quarkus-app"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"
SIMULATOR="${SIMULATOR_URL:-http://localhost:8081}"
OPERATOR="operator:${OPERATOR_PASSWORD:-operator}"
WINDOWS=3000
RATE=600
OUT="$ROOT/prediction-service/src/main/resources/models/bandpower-lda.json"
VERSION=$(date +%Y%m%d%H%M)

usage() {
    cat <<USAGE
Usage: deploy/local/train-model.sh [--windows N] [--rate FRAMES_PER_S] [--out MODEL.json] [--version V]

Needs the local stack running (deploy/local/run.sh) and prediction-service packaged (run.sh does both).
  --windows  labelled 2 s windows to capture (default $WINDOWS; about a quarter are held out for the accuracy figure)
  --rate     EEG frames/s for the simulator's headset group while capturing (default $RATE; restored afterwards)
  --out      model file to write (default: the model shipped in prediction-service's resources)
  --version  model version recorded in the file and in every prediction (default: a timestamp)
Environment: KAFKA_BOOTSTRAP_SERVERS (localhost:9092), SIMULATOR_URL (http://localhost:8081), OPERATOR_PASSWORD.
The captured dataset stays in prediction-service/target/eeg-features-labelled.jsonl. Restart prediction-service to load a new model
(or point PREDICTION_MODEL_PATH at the file).
USAGE
}

while (($# > 0)); do
    case "$1" in
        --windows) WINDOWS=$2; shift ;;
        --rate) RATE=$2; shift ;;
        --out) OUT=$2; shift ;;
        --version) VERSION=$2; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "train-model.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

[[ -f $APP/quarkus-run.jar ]] || { echo "package prediction-service first: ./mvnw -pl prediction-service -am package -DskipTests" >&2; exit 1; }
curl -sf "$SIMULATOR/streams/eeg" >/dev/null || { echo "no simulator at $SIMULATOR: start the local stack (deploy/local/run.sh)" >&2; exit 1; }

previous_rate=$(curl -sf "$SIMULATOR/streams/eeg" | python3 -c 'import json,sys; print(json.load(sys.stdin)["targetPerSecond"])')
restore() {
    curl -sf -u "$OPERATOR" -X PUT -H 'Content-Type: application/json' \
        -d "{\"messagesPerSecond\": $previous_rate}" "$SIMULATOR/streams/eeg/rate" >/dev/null || true
}
trap restore EXIT
curl -sf -u "$OPERATOR" -X PUT -H 'Content-Type: application/json' -d "{\"messagesPerSecond\": $RATE}" \
    "$SIMULATOR/streams/eeg/rate" >/dev/null
curl -sf -u "$OPERATOR" -X POST "$SIMULATOR/streams/eeg/start" >/dev/null

DATASET="$ROOT/prediction-service/target/eeg-features-labelled.jsonl"
"$JAVA" -cp "$APP/app/*:$APP/lib/main/*" io.streamfleet.prediction.messaging.LabelledFeaturesCapture \
    --bootstrap "$BOOTSTRAP" --windows "$WINDOWS" --out "$DATASET"
restore
"$JAVA" -cp "$APP/app/*:$APP/lib/main/*" io.streamfleet.prediction.domain.ModelTrainer \
    --data "$DATASET" --out "$OUT" --holdout 0.25 --seed 42 --version "$VERSION" \
    --dataset "local-stack capture $(date -u +%Y-%m-%dT%H:%MZ): $WINDOWS windows of the simulator's eeg headsets"
