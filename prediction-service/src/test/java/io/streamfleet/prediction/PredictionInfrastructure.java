package io.streamfleet.prediction;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;

/**
 * The built-in backend against a real Kafka broker with the service's topics, running the synthetic test model with a
 * 0.6 confidence threshold. Windows older than {@link #MAX_WINDOW_AGE} are skipped: more than production's 2 s, so a
 * loaded test machine never makes a just-sent window stale; the tests of the rule send windows far older. One profile,
 * so the test classes using it share one app and one broker.
 */
public class PredictionInfrastructure implements QuarkusTestProfile {

    public static final String FEATURES_TOPIC = "eeg-features";
    public static final String FEATURES_DLQ_TOPIC = "eeg-features.dlq";
    public static final String PREDICTIONS_TOPIC = "prediction-results";
    public static final double CONFIDENCE_THRESHOLD = 0.6;
    public static final Duration MAX_WINDOW_AGE = Duration.ofSeconds(10);

    static final String TOPICS = FEATURES_TOPIC + ":3," + FEATURES_DLQ_TOPIC + ":1," + PREDICTIONS_TOPIC + ":3";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("streamfleet.prediction.builtin.model-path", TestModels.path(),
                "streamfleet.prediction.confidence-threshold", String.valueOf(CONFIDENCE_THRESHOLD),
                "streamfleet.prediction.max-window-age", MAX_WINDOW_AGE.toMillis() + "ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS, TOPICS)));
    }
}
