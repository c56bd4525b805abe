package io.streamfleet.telemetry.messaging;

import static io.restassured.RestAssured.given;
import static io.streamfleet.telemetry.TelemetryInfrastructure.GROUP;
import static io.streamfleet.telemetry.TelemetryInfrastructure.SATELLITES;
import static io.streamfleet.telemetry.TelemetryRecords.DEADLINE;
import static io.streamfleet.telemetry.TelemetryRecords.produce;
import static io.streamfleet.telemetry.TelemetryRecords.satellite;
import static io.streamfleet.telemetry.TelemetryRecords.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.telemetry.TelemetryInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;
import io.streamfleet.testsupport.VictoriaMetricsResource;
import io.streamfleet.testsupport.VictoriaMetricsResource.InjectVictoriaMetrics;
import io.streamfleet.testsupport.VictoriaMetricsResource.Sample;

/**
 * VictoriaMetrics stopped (the real process, not a proxy): the sink waits, reports not ready, commits nothing past
 * unwritten samples, and once VictoriaMetrics is back every sample is there exactly once.
 */
@QuarkusTest
@TestProfile(TelemetryInfrastructure.class)
class VictoriaMetricsOutageTest {

    private static final long T0 = 1_713_763_500_000L;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectVictoriaMetrics
    VictoriaMetricsResource victoriaMetrics;

    @Inject
    MeterRegistry registry;

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = companion.consumerGroups().offsets(GROUP, partition);
        return offset == null ? -1 : offset.offset();
    }

    private double writeRetries() {
        return registry.counter("streamfleet_telemetry_write_retries").count();
    }

    @Test
    void samplesWaitOutAVictoriaMetricsOutageAndArriveExactlyOnce() {
        String satellite = unique("SAT-outage");
        String selector = "satellite_temperature{satellite_id=\"" + satellite + "\"}";
        RecordMetadata first = produce(companion, SATELLITES, satellite, satellite(satellite, T0, -10.5, 0));
        TopicPartition partition = new TopicPartition(SATELLITES, first.partition());
        assertEquals(1, victoriaMetrics.awaitSamples(selector, 1, DEADLINE).size());
        await().atMost(DEADLINE).until(() -> committed(partition) == first.offset() + 1);

        List<Sample> expected = new ArrayList<>(List.of(new Sample(T0, -10.5)));
        victoriaMetrics.stop();
        RecordMetadata last = first;
        try {
            double retriesBefore = writeRetries();
            for (int i = 1; i <= 5; i++) {
                last = produce(companion, SATELLITES, satellite, satellite(satellite, T0 + i * 1000, -10.5 + i, 0));
                expected.add(new Sample(T0 + i * 1000, -10.5 + i));
            }
            // several failed attempts span many 100 ms commit periods: a premature ack would have been committed
            await().atMost(DEADLINE).until(() -> writeRetries() >= retriesBefore + 3);
            assertEquals(first.offset() + 1, committed(partition), "nothing committed past unwritten samples");
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'VictoriaMetrics' }.status", equalTo("DOWN"));
            given().get("/admin/status").then().statusCode(200)
                    .body("status", equalTo("WAITING"))
                    .body("channelsWaiting", hasItem(SinkActivity.SATELLITES))
                    .body("victoriaMetrics.reachable", equalTo(false));
        } finally {
            victoriaMetrics.start();
        }

        assertEquals(expected, victoriaMetrics.awaitSamples(selector, 6, DEADLINE));
        long lastOffset = last.offset();
        await().atMost(DEADLINE).until(() -> committed(partition) == lastOffset + 1);
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertEquals(expected, victoriaMetrics.export(selector), "each sample exactly once");
    }
}
