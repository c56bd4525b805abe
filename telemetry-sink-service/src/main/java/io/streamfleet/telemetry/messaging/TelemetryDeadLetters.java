package io.streamfleet.telemetry.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.telemetry.config.TopicsConfig;

/**
 * Parks records that cannot become samples on their topic's dead-letter topic ({@code <topic>.dlq}): same key, same
 * value bytes, the original headers, plus the reason and where the record came from under the header names of
 * docs/contracts.md ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}).
 */
@ApplicationScoped
public class TelemetryDeadLetters {

    /** A poll brings at most max.poll.records (5000 on the satellite channel) records; all of them may be poison. */
    private static final int BUFFER = 10_000;

    private final MutinyEmitter<byte[]> emitter;
    private final TopicsConfig topics;

    public TelemetryDeadLetters(
            @Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) MutinyEmitter<byte[]> emitter,
            TopicsConfig topics) {
        this.emitter = emitter;
        this.topics = topics;
    }

    /** Completes when the broker has acknowledged the dead letter. */
    public Uni<Void> park(KafkaRecord<String, byte[]> record, long offset, String reason, String cause) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", utf8(reason))
                .add("dead-letter-cause", utf8(cause))
                .add("dead-letter-topic", utf8(record.getTopic()))
                .add("dead-letter-partition", utf8(Integer.toString(record.getPartition())))
                .add("dead-letter-offset", utf8(Long.toString(offset)));
        // A tombstone (null value) is parked as an empty value: a message needs a payload.
        byte[] value = record.getPayload() == null ? new byte[0] : record.getPayload();
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topics.deadLetterTopic(record.getTopic()))
                .withKey(record.getKey()).withHeaders(headers).build()));
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
