package io.streamfleet.telemetry.messaging;

import static io.streamfleet.telemetry.TelemetryInfrastructure.SATELLITES;
import static io.streamfleet.telemetry.TelemetryInfrastructure.SATELLITE_PARTITIONS;
import static io.streamfleet.telemetry.TelemetryInfrastructure.SENSORS;
import static io.streamfleet.telemetry.TelemetryRecords.DEADLINE;
import static io.streamfleet.telemetry.TelemetryRecords.audioHeaders;
import static io.streamfleet.telemetry.TelemetryRecords.barometer;
import static io.streamfleet.telemetry.TelemetryRecords.frameHeaders;
import static io.streamfleet.telemetry.TelemetryRecords.imu;
import static io.streamfleet.telemetry.TelemetryRecords.jpeg;
import static io.streamfleet.telemetry.TelemetryRecords.produce;
import static io.streamfleet.telemetry.TelemetryRecords.satellite;
import static io.streamfleet.telemetry.TelemetryRecords.sensor;
import static io.streamfleet.telemetry.TelemetryRecords.squareWave;
import static io.streamfleet.telemetry.TelemetryRecords.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.telemetry.TelemetryInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;
import io.streamfleet.testsupport.VictoriaMetricsResource;
import io.streamfleet.testsupport.VictoriaMetricsResource.InjectVictoriaMetrics;
import io.streamfleet.testsupport.VictoriaMetricsResource.Sample;

/** Records of every consumed topic -> the running sink -> a real VictoriaMetrics, read back with /api/v1/export. */
@QuarkusTest
@TestProfile(TelemetryInfrastructure.class)
class TelemetrySinkTest {

    /** 2024-04-22T05:25:00Z: device times in the past, as a replay after an outage would bring. */
    private static final long T0 = 1_713_763_500_000L;
    /** A metric name of 63 characters, within the contract's 64. */
    private static final String LONG_NAME = "reading_%04d_of_a_subsystem_with_a_rather_long_descriptive_name";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectVictoriaMetrics
    VictoriaMetricsResource victoriaMetrics;

    @Inject
    ConsumerLag consumerLag;

    private List<Sample> await(String selector, int count) {
        List<Sample> samples = victoriaMetrics.awaitSamples(selector, count, DEADLINE);
        assertEquals(count, samples.size(), selector + " in VictoriaMetrics: " + samples);
        return samples;
    }

    @Test
    void satelliteTelemetryLandsWithExactValuesAndDeviceTimes() {
        String satellite = unique("SAT");
        produce(companion, SATELLITES, satellite, satellite(satellite, T0, -20.81, 0.2044));
        produce(companion, SATELLITES, satellite, satellite(satellite, T0 + 1000, -20.5, 0.3044));
        produce(companion, SATELLITES, satellite, satellite(satellite, T0 + 2000, -19.75, 0.4044));

        String id = "{satellite_id=\"" + satellite + "\"}";
        assertEquals(List.of(new Sample(T0, -20.81), new Sample(T0 + 1000, -20.5), new Sample(T0 + 2000, -19.75)),
                await("satellite_temperature" + id, 3));
        assertEquals(List.of(new Sample(T0, 0.2044), new Sample(T0 + 1000, 0.3044), new Sample(T0 + 2000, 0.4044)),
                await("satellite_latitude" + id, 3));
        assertEquals(new Sample(T0, -29.8243), await("satellite_longitude" + id, 3).get(0));
        assertEquals(new Sample(T0, 449.95), await("satellite_altitude" + id, 3).get(0));
        assertEquals(new Sample(T0, 7.655), await("satellite_velocity" + id, 3).get(0));
        assertEquals(new Sample(T0, 3.59), await("satellite_battery_voltage" + id, 3).get(0));
        assertEquals(new Sample(T0, 0.0), await("satellite_solar_power" + id, 3).get(0));
        // only the one label: satellite_id (plus the name)
        assertEquals(Map.of("__name__", "satellite_temperature", "satellite_id", satellite),
                victoriaMetrics.exportSeries("satellite_temperature" + id).get(0).labels());
    }

    @Test
    void sensorReadingsLandAtTheirSecondsAsMilliseconds() {
        String sensorId = unique("sensor");
        long seconds = T0 / 1000;
        produce(companion, SENSORS, sensorId, sensor(sensorId, seconds, 24.5));
        produce(companion, SENSORS, sensorId, sensor(sensorId, seconds + 1, 24.75));

        assertEquals(List.of(new Sample(T0, 24.5), new Sample(T0 + 1000, 24.75)),
                await("sensor_temperature{sensor_id=\"" + sensorId + "\"}", 2));
    }

    @Test
    void wearableSamplesFramesAndAudioLandAsDeviceAndStreamSeries() {
        String device = unique("aria");
        long nanos = T0 * 1_000_000 + 456_789;
        produce(companion, "aria.imu-right", device, imu(device, "imu-right", nanos, 0.12));
        produce(companion, "aria.imu-right", device, imu(device, "imu-right", nanos + 1_000_000, 0.13));
        produce(companion, "aria.barometer", device, barometer(device, nanos, 101325.0, 22.5));
        byte[] frame = jpeg(64, 48, Color.BLUE);
        produce(companion, "aria.camera-slam-left", null, device, frame,
                frameHeaders(device, "camera-slam-left", nanos, 64, 48));
        produce(companion, "aria.microphone", null, device, squareWave(480, (short) 8192), audioHeaders(device, nanos));

        String imu = "{device=\"" + device + "\",stream=\"imu-right\"}";
        assertEquals(List.of(new Sample(T0, 0.12), new Sample(T0 + 1, 0.13)), await("aria_accel_x" + imu, 2));
        assertEquals(List.of(new Sample(T0, -9.81), new Sample(T0 + 1, -9.81)), await("aria_accel_y" + imu, 2));
        assertEquals(new Sample(T0, -0.03), await("aria_gyro_z" + imu, 2).get(0));
        String baro = "{device=\"" + device + "\",stream=\"barometer\"}";
        assertEquals(List.of(new Sample(T0, 101325.0)), await("aria_pressure" + baro, 1));
        assertEquals(List.of(new Sample(T0, 22.5)), await("aria_temperature" + baro, 1));
        String camera = "{device=\"" + device + "\",stream=\"camera-slam-left\"}";
        assertEquals(List.of(new Sample(T0, frame.length)), await("aria_frame_bytes" + camera, 1));
        assertEquals(List.of(new Sample(T0, 64)), await("aria_frame_width" + camera, 1));
        assertEquals(List.of(new Sample(T0, 48)), await("aria_frame_height" + camera, 1));
        String mic = "{device=\"" + device + "\",stream=\"microphone\"}";
        assertEquals(List.of(new Sample(T0, 0.25)), await("aria_audio_rms" + mic, 1));
        assertEquals(List.of(new Sample(T0, 0.25)), await("aria_audio_peak" + mic, 1));
    }

    @Test
    void replayedTopicLeavesEverySampleOnce() {
        String satellite = unique("SAT-replay");
        for (int i = 0; i < 5; i++) {
            produce(companion, SATELLITES, satellite, satellite(satellite, T0 + i * 1000, -20 + i, 0.1 * i));
        }
        String selector = "satellite_temperature{satellite_id=\"" + satellite + "\"}";
        await(selector, 5);

        replayWholeTopicThroughTheRunningConsumer();

        assertEquals(5, victoriaMetrics.export(selector).size(), "each sample once after the replay");
    }

    /**
     * Rewinds the sink's own satellite consumer to the start of every partition, then proves the replay has been
     * processed: a marker record per partition is processed after everything replayed before it.
     */
    private void replayWholeTopicThroughTheRunningConsumer() {
        int assigned = 0;
        for (var consumer : consumerLag.consumersOf(SinkActivity.SATELLITES)) {
            Set<TopicPartition> partitions = consumer.getAssignments().await().atMost(DEADLINE);
            consumer.seekToBeginning(partitions).await().atMost(DEADLINE);
            assigned += partitions.size();
        }
        assertEquals(SATELLITE_PARTITIONS, assigned);

        String marker = unique("SAT-marker");
        for (int partition = 0; partition < SATELLITE_PARTITIONS; partition++) {
            produce(companion, SATELLITES, partition, marker,
                    satellite(marker, T0 + partition, 1, 0).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        await("satellite_temperature{satellite_id=\"" + marker + "\"}", SATELLITE_PARTITIONS);
    }

    @Test
    void malformedAndRefusedRecordsGoToTheDeadLetterTopicAndTheRecordsAroundThemLand() {
        String satellite = unique("SAT-poison");
        // One partition, so the order (and the offsets in the dead-letter headers) is the order produced.
        RecordMetadata first = produceTo(0, satellite, satellite(satellite, T0, 1.5, 0));
        produceTo(0, satellite, "this is not JSON");
        produceTo(0, satellite, tooManyValuesForVictoriaMetrics(satellite));
        produceTo(0, satellite, satellite(satellite, T0 + 1000, 2.5, 0));

        assertEquals(List.of(new Sample(T0, 1.5), new Sample(T0 + 1000, 2.5)),
                await("satellite_temperature{satellite_id=\"" + satellite + "\"}", 2));

        List<ConsumerRecord<String, byte[]>> dead = deadLetters(SATELLITES + ".dlq", satellite, 2);
        assertEquals("this is not JSON", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("value: is not valid JSON"),
                header(dead.get(0), "dead-letter-reason"));
        String refusal = header(dead.get(1), "dead-letter-reason");
        assertTrue(refusal.contains("HTTP 400") && refusal.contains("too long line"), refusal);
        assertEquals(SATELLITES, header(dead.get(0), "dead-letter-topic"));
        assertEquals("0", header(dead.get(1), "dead-letter-partition"));
        assertEquals(first.offset() + 1, Long.parseLong(header(dead.get(0), "dead-letter-offset")));
        assertEquals(first.offset() + 2, Long.parseLong(header(dead.get(1), "dead-letter-offset")));
        assertTrue(header(dead.get(1), "dead-letter-cause").endsWith("RejectedWriteException"));
        // nothing of the refused record was kept
        assertEquals(List.of(), victoriaMetrics.export("satellite_" + String.format(LONG_NAME, 1)
                + "{satellite_id=\"" + satellite + "\"}"));
    }

    @Test
    void aMalformedWearableSampleGoesToItsOwnStreamsDeadLetterTopic() {
        String device = unique("aria-poison");
        produce(companion, "aria.magnetometer", device, "{\"deviceId\":\"" + device + "\",\"values\":{\"mag_x\":1}}");
        produce(companion, "aria.magnetometer", device, "{\"deviceId\":\"" + device
                + "\",\"capturedAtNanos\":" + T0 * 1_000_000 + ",\"values\":{\"mag_x\":31.5}}");

        assertEquals(List.of(new Sample(T0, 31.5)),
                await("aria_mag_x{device=\"" + device + "\",stream=\"magnetometer\"}", 1));
        ConsumerRecord<String, byte[]> dead = deadLetters("aria.magnetometer.dlq", device, 1).get(0);
        assertEquals("capturedAtNanos: is required: epoch nanoseconds as an integer", header(dead, "dead-letter-reason"));
        assertEquals("aria.magnetometer", header(dead, "dead-letter-topic"));
    }

    private RecordMetadata produceTo(int partition, String key, String value) {
        return produce(companion, SATELLITES, partition, key, value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * Valid by the contract (1,000 values, each name under 64 characters) but one Influx line of about 70 KB, more
     * than this test's VictoriaMetrics takes: it answers HTTP 400 for any request containing it.
     */
    private static String tooManyValuesForVictoriaMetrics(String satelliteId) {
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            metrics.append(i == 0 ? "" : ",")
                    .append('"').append(String.format(LONG_NAME, i)).append("\":").append(i).append(".5");
        }
        return "{\"timestamp\":\"2024-04-22T05:25:00.500000+00:00\",\"satellite_id\":\"" + satelliteId
                + "\",\"metrics\":{" + metrics + "}}";
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key, int count) {
        return companion.consume(Serdes.String(), Serdes.ByteArray())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic, records -> records.select().where(r -> key.equals(r.key())))
                .awaitRecords(count, DEADLINE).getRecords();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
