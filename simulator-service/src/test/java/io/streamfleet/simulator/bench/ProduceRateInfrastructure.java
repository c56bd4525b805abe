package io.streamfleet.simulator.bench;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;

/**
 * One broker, two topics (one for ProducerPerformance, one for the simulator), the bench source enabled and every
 * burst limit raised far above what the machine can produce, so the figure is the path's own cost.
 */
public class ProduceRateInfrastructure implements QuarkusTestProfile {

    public static final String PERF_TOPIC = "bench-producer-performance";
    public static final String SIMULATOR_TOPIC = "bench-simulator";
    public static final String EMITTER_TOPIC = "bench-emitter";
    public static final String EMITTER_CHANNEL = "bench-emitter";
    static final String CHANNEL = "mp.messaging.outgoing." + FixedSizeSource.STREAM + ".";
    static final String RAW = "mp.messaging.outgoing." + EMITTER_CHANNEL + ".";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class,
                Map.of(KafkaBrokerResource.TOPICS, PERF_TOPIC + ":3," + SIMULATOR_TOPIC + ":3," + EMITTER_TOPIC + ":3")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("streamfleet.bench.enabled", "true"),
                Map.entry("streamfleet.simulator.max-rate", "10000000"),
                Map.entry("streamfleet.simulator.max-in-flight", "20000"),
                Map.entry("streamfleet.simulator.burst.in-flight-max-bytes", "67108864"),
                Map.entry("streamfleet.simulator.burst.queue-max-records", "20000"),
                Map.entry("streamfleet.simulator.burst.queue-max-bytes", "134217728"),
                Map.entry("streamfleet.simulator.burst.messages-per-second", "100000000"),
                Map.entry("streamfleet.simulator.burst.bytes-per-second", "100000000000"),
                Map.entry(CHANNEL + "connector", "smallrye-kafka"),
                Map.entry(CHANNEL + "topic", SIMULATOR_TOPIC),
                Map.entry(CHANNEL + "key.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
                Map.entry(CHANNEL + "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"),
                Map.entry(CHANNEL + "acks", "all"),
                Map.entry(CHANNEL + "enable.idempotence", "true"),
                Map.entry(CHANNEL + "compression.type", "lz4"),
                Map.entry(CHANNEL + "max-inflight-messages", "20000"),
                Map.entry(RAW + "connector", "smallrye-kafka"),
                Map.entry(RAW + "topic", EMITTER_TOPIC),
                Map.entry(RAW + "key.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
                Map.entry(RAW + "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"),
                Map.entry(RAW + "acks", "all"),
                Map.entry(RAW + "enable.idempotence", "true"),
                Map.entry(RAW + "compression.type", "lz4"),
                Map.entry(RAW + "max-inflight-messages", "20000"));
    }
}
