package io.streamfleet.telemetry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The four consuming channels, one poll at a time each (the next poll of a channel is handed over only when the
 * previous one is acknowledged). They differ only in their Kafka settings: JSON telemetry comes in large polls,
 * camera frames and audio in small ones so that a poll of images stays a few megabytes.
 */
@ApplicationScoped
public class TelemetryConsumer {

    private final TelemetryBatchSink sink;

    public TelemetryConsumer(TelemetryBatchSink sink) {
        this.sink = sink;
    }

    @Incoming(SinkActivity.SATELLITES)
    public Uni<Void> satellites(KafkaRecordBatch<String, byte[]> batch) {
        return sink.process(SinkActivity.SATELLITES, batch);
    }

    @Incoming(SinkActivity.SENSORS)
    public Uni<Void> sensors(KafkaRecordBatch<String, byte[]> batch) {
        return sink.process(SinkActivity.SENSORS, batch);
    }

    @Incoming(SinkActivity.WEARABLE_SENSORS)
    public Uni<Void> wearableSensors(KafkaRecordBatch<String, byte[]> batch) {
        return sink.process(SinkActivity.WEARABLE_SENSORS, batch);
    }

    @Incoming(SinkActivity.WEARABLE_MEDIA)
    public Uni<Void> wearableMedia(KafkaRecordBatch<String, byte[]> batch) {
        return sink.process(SinkActivity.WEARABLE_MEDIA, batch);
    }
}
