package io.streamfleet.telemetry;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Records exactly as the producers send them (DESIGN.md "Payloads", docs/contracts.md), and how tests send them. */
public final class TelemetryRecords {

    public static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Satellite timestamps as today's stack writes them: microseconds and an explicit offset. */
    private static final DateTimeFormatter SATELLITE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private TelemetryRecords() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A satellite record at the given epoch ms plus 123 µs (which the sink must cut, not round). */
    public static String satellite(String satelliteId, long epochMillis, double temperature, double latitude) {
        String time = SATELLITE_TIME.format(Instant.ofEpochMilli(epochMillis).plusNanos(123_000));
        return "{\"timestamp\":\"" + time + "\",\"satellite_id\":\"" + satelliteId + "\",\"metrics\":{\"temperature\":"
                + temperature + ",\"altitude\":449.95,\"velocity\":7.655,\"battery_voltage\":3.59,\"solar_power\":0.0},"
                + "\"location\":{\"latitude\":" + latitude + ",\"longitude\":-29.8243}}";
    }

    public static String sensor(String sensorId, long epochSeconds, double temperature) {
        return "{\"sensor_id\":\"" + sensorId + "\",\"temperature\":" + temperature + ",\"timestamp\":" + epochSeconds
                + "}";
    }

    public static String imu(String deviceId, String stream, long capturedAtNanos, double accelX) {
        return "{\"deviceId\":\"" + deviceId + "\",\"stream\":\"" + stream + "\",\"capturedAtNanos\":" + capturedAtNanos
                + ",\"values\":{\"accel_x\":" + accelX + ",\"accel_y\":-9.81,\"accel_z\":0.3,\"gyro_x\":0.01,"
                + "\"gyro_y\":0.02,\"gyro_z\":-0.03}}";
    }

    public static String barometer(String deviceId, long capturedAtNanos, double pressure, double temperature) {
        return "{\"deviceId\":\"" + deviceId + "\",\"stream\":\"barometer\",\"capturedAtNanos\":" + capturedAtNanos
                + ",\"values\":{\"pressure\":" + pressure + ",\"temperature\":" + temperature + "}}";
    }

    /** A real JPEG picture of the given size. */
    public static byte[] jpeg(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Map<String, String> frameHeaders(String deviceId, String stream, long capturedAtNanos, int width,
            int height) {
        return Map.of("stream", stream, "deviceId", deviceId, "capturedAtNanos", Long.toString(capturedAtNanos),
                "width", Integer.toString(width), "height", Integer.toString(height),
                "producedAt", Long.toString(System.currentTimeMillis()));
    }

    /** Mono 16-bit little-endian PCM: a square wave of the given amplitude (its RMS and peak are the amplitude). */
    public static byte[] squareWave(int frames, short amplitude) {
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort(i % 2 == 0 ? amplitude : (short) -amplitude);
        }
        return pcm.array();
    }

    public static Map<String, String> audioHeaders(String deviceId, long capturedAtNanos) {
        return Map.of("stream", "microphone", "deviceId", deviceId, "capturedAtNanos", Long.toString(capturedAtNanos),
                "sampleRateHz", "48000", "channels", "1", "producedAt", Long.toString(System.currentTimeMillis()));
    }

    public static RecordMetadata produce(KafkaCompanion companion, String topic, String key, String value) {
        return produce(companion, topic, null, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    public static RecordMetadata produce(KafkaCompanion companion, String topic, Integer partition, String key,
            byte[] value, Map<String, String> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, text) -> kafkaHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        return companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(topic, partition, key, value, kafkaHeaders))
                .awaitCompletion(DEADLINE).getFirstRecord();
    }
}
