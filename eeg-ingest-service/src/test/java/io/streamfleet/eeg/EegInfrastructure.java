package io.streamfleet.eeg;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;

/**
 * The real infrastructure every component test of this service runs against: a Kafka broker with the EEG topics.
 * Small gateway limits make the size checks cheap to exercise, for the packaged app ({@code *IT}) too. One profile,
 * so all test classes share one app and one broker.
 */
public class EegInfrastructure implements QuarkusTestProfile {

    public static final String FRAMES_TOPIC = "eeg-brainwave-data";
    public static final String FRAMES_DLQ_TOPIC = "eeg-brainwave-data.dlq";
    public static final String FEATURES_TOPIC = "eeg-features";
    public static final String CONSUMER_GROUP = "eeg-ingest-service";
    public static final int MAX_FRAMES_PER_REQUEST = 20;
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /**
     * Generous, unlike the 2 s in production: a busy shared test machine or a rebalance must not make the frames of an
     * unrelated test stale. Tests of the freshness rule use frames many times older than this.
     */
    public static final Duration MAX_FRAME_AGE = Duration.ofMinutes(1);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("streamfleet.eeg.gateway.max-frames-per-request", Integer.toString(MAX_FRAMES_PER_REQUEST),
                "streamfleet.eeg.gateway.max-body-size", Integer.toString(MAX_BODY_BYTES),
                "streamfleet.eeg.max-frame-age", MAX_FRAME_AGE.toString(),
                // the packaged app (*IT) runs in prod, where these have no default
                "INGEST_PASSWORD", "ingest", "OPERATOR_PASSWORD", "operator", "VIEWER_PASSWORD", "viewer");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS,
                FRAMES_TOPIC + ":3," + FRAMES_DLQ_TOPIC + ":1," + FEATURES_TOPIC + ":3")));
    }
}
