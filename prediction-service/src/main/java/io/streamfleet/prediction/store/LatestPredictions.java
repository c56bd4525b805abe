package io.streamfleet.prediction.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.streamfleet.prediction.config.PredictionConfig;
import io.streamfleet.prediction.messaging.PredictionResult;

/**
 * The latest prediction per headset, in memory, for {@code GET /predictions/{headsetId}/latest}. Bounded: the
 * headsets not heard from for longest are forgotten first, so a stream of made-up headset ids cannot exhaust memory.
 */
@Singleton
public class LatestPredictions {

    private final Map<String, PredictionResult> latest;

    public LatestPredictions(PredictionConfig config) {
        int max = config.latestMaxHeadsets();
        this.latest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PredictionResult> eldest) {
                return size() > max;
            }
        };
    }

    public synchronized void put(PredictionResult prediction) {
        latest.put(prediction.headsetId(), prediction);
    }

    public synchronized Optional<PredictionResult> get(String headsetId) {
        return Optional.ofNullable(latest.get(headsetId));
    }
}
