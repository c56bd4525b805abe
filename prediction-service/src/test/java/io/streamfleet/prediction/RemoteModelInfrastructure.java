package io.streamfleet.prediction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.FakeModelServer;
import io.streamfleet.testsupport.KafkaBrokerResource;

/**
 * The remote backend: a fake KServe v2 model server on loopback, the real broker, and the synthetic test model as the
 * fallback. The circuit breaker waits 1 s before trying the server again so that recovery is quick to observe; the
 * timeout of each attempt is 1 s so that a loaded test machine does not make a working server look slow. The breaker's
 * window and failure ratio and the retry are the production settings: the tests check them.
 */
public class RemoteModelInfrastructure implements QuarkusTestProfile {

    public static final String REMOTE_MODEL = "remote-bandpower";
    public static final String REMOTE_VERSION = "7";
    public static final int TIMEOUT_MS = 1000;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new PredictionInfrastructure().getConfigOverrides());
        config.put("streamfleet.prediction.backend", "remote");
        config.put("streamfleet.prediction.remote.model-name", REMOTE_MODEL);
        config.put("quarkus.fault-tolerance.\"io.streamfleet.prediction.inference.RemoteModelClassifier/classify\""
                + ".circuit-breaker.delay", "1000");
        config.put("quarkus.fault-tolerance.\"io.streamfleet.prediction.inference.ModelServerCall/infer\""
                + ".timeout.value", String.valueOf(TIMEOUT_MS));
        // each fallback and its cause in the test log
        config.put("quarkus.log.category.\"io.streamfleet.prediction.inference\".level", "DEBUG");
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
