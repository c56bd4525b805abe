package io.streamfleet.prediction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.FakeModelServer;
import io.streamfleet.testsupport.KafkaBrokerResource;

/**
 * The remote backend: a fake KServe v2 model server on loopback, the real broker, and the synthetic test model as the
 * fallback. The circuit breaker waits 1 s before trying the server again so that recovery is quick to observe.
 */
public class RemoteModelInfrastructure implements QuarkusTestProfile {

    public static final String REMOTE_MODEL = "remote-bandpower";
    public static final String REMOTE_VERSION = "7";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new PredictionInfrastructure().getConfigOverrides());
        config.put("streamfleet.prediction.backend", "remote");
        config.put("streamfleet.prediction.remote.model-name", REMOTE_MODEL);
        config.put("quarkus.fault-tolerance.\"io.streamfleet.prediction.inference.RemoteModelClassifier/classify\""
                + ".circuit-breaker.delay", "1000");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class,
                        Map.of(KafkaBrokerResource.TOPICS, PredictionInfrastructure.TOPICS)),
                new TestResourceEntry(FakeModelServer.class, Map.of(FakeModelServer.MODEL_NAME, REMOTE_MODEL,
                        FakeModelServer.MODEL_VERSION, REMOTE_VERSION)));
    }
}
