package io.streamfleet.simulator.messaging;

import static io.streamfleet.simulator.OperatorApi.start;
import static io.streamfleet.simulator.OperatorApi.status;
import static io.streamfleet.simulator.OperatorApi.stop;
import static io.streamfleet.simulator.SimulatorInfrastructure.SATELLITE_TOPIC;
import static io.streamfleet.simulator.StalledBrokerInfrastructure.IN_FLIGHT_RECORDS;
import static io.streamfleet.simulator.StalledBrokerInfrastructure.QUEUE_BYTES;
import static io.streamfleet.simulator.StalledBrokerInfrastructure.QUEUE_RECORDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.simulator.StalledBrokerInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;
import io.streamfleet.testsupport.InjectTcpProxy;
import io.streamfleet.testsupport.TcpProxy;

/**
 * Kafka out of reach while telemetry, sensor samples and camera frames keep coming: memory stays at the outbox bound,
 * images are given up first, then sensor samples, telemetry never; once Kafka is back everything queued is delivered.
 */
@QuarkusTest
@TestProfile(StalledBrokerInfrastructure.class)
class StalledBrokerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TELEMETRY = "satellite-telemetry";
    private static final String SENSORS = "sensor-stream";
    private static final String IMAGES = "camera-slam-left";
    private static final List<String> STREAMS = List.of(IMAGES, SENSORS, TELEMETRY);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTcpProxy
    TcpProxy kafka;

    @Inject
    BurstProtection burst;

    /** The memory bound, checked at every poll while the broker is stalled. */
    private void assertBounded() {
        assertTrue(burst.queuedRecords() <= QUEUE_RECORDS, "queued records " + burst.queuedRecords());
        assertTrue(burst.queuedBytes() <= QUEUE_BYTES, "queued bytes " + burst.queuedBytes());
        assertTrue(burst.inFlightRecords() <= IN_FLIGHT_RECORDS, "in flight " + burst.inFlightRecords());
    }

    @Test
    void aStalledBrokerFillsTheOutboxToItsBoundShedsImagesThenSensorsAndDeliversTelemetryAfterwards() {
        try {
            // each producer has metadata and a connection before the stall; least important first, because once
            // telemetry fills the in-flight window the sender serves images last
            for (String stream : STREAMS) {
                start(stream);
                await().atMost(DEADLINE).until(() -> status(stream).getLong("acknowledged") > 0);
            }
            kafka.cut();

            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertBounded();
                JsonPath images = status(IMAGES);
                JsonPath sensors = status(SENSORS);
                if (sensors.getLong("droppedBy.evicted") > 0) {
                    assertEquals(0, images.getLong("queueDepth"), "sensor samples go only once no image is left");
                }
                assertEquals(0, status(TELEMETRY).getLong("droppedBy.evicted"), "telemetry is never evicted");
                // the end state of a long stall: the outbox is full, and of telemetry only
                assertEquals(QUEUE_RECORDS, burst.queuedRecords());
                assertEquals(QUEUE_RECORDS, status(TELEMETRY).getLong("queueDepth"));
            });
            JsonPath images = status(IMAGES);
            JsonPath sensors = status(SENSORS);
            JsonPath telemetry = status(TELEMETRY);
            assertTrue(images.getLong("droppedBy.evicted") > 0, "queued images were evicted");
            assertTrue(images.getLong("droppedBy.queueFull") > 0, "new images were refused");
            assertTrue(sensors.getLong("droppedBy.evicted") > 0, "then queued sensor samples");
            assertTrue(telemetry.getLong("droppedBy.queueFull") > 0, "a full outbox of telemetry refuses more");
            assertBounded();

            STREAMS.forEach(stream -> stop(stream));
            long acknowledgedBefore = telemetry.getLong("acknowledged");
            kafka.restore();

            JsonPath delivered = await().atMost(DEADLINE).until(() -> status(TELEMETRY),
                    s -> s.getLong("queueDepth") == 0 && s.getLong("sent") == s.getLong("acknowledged") + s.getLong("failed"));
            assertEquals(0, delivered.getLong("failed"), "nothing was lost to the stall");
            assertTrue(delivered.getLong("acknowledged") >= acknowledgedBefore + QUEUE_RECORDS,
                    "the queued telemetry went out after the restore");
            await().atMost(DEADLINE).until(() -> burst.queuedRecords() == 0 && burst.inFlightRecords() == 0);
            long onTopic = companion.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(SATELLITE_TOPIC, delivered.getLong("acknowledged")).awaitCompletion(DEADLINE).count();
            assertEquals(delivered.getLong("acknowledged"), onTopic, "every acknowledged record is on the topic");
        } finally {
            kafka.restore();
            STREAMS.forEach(stream -> stop(stream));
        }
    }
}
