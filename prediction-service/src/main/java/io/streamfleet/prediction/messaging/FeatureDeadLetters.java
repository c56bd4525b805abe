package io.streamfleet.prediction.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Parks features records that cannot be predicted on the dead-letter topic: same key, same value bytes, the original
 * headers, plus the reason and where the record came from, under the header names SmallRye's own dead-letter strategy
 * uses ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}).
 */
@ApplicationScoped
public class FeatureDeadLetters {

    private final MutinyEmitter<byte[]> emitter;

    public FeatureDeadLetters(@Channel("features-dlq") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the dead letter. */
    public Uni<Void> park(Message<byte[]> record, Exception reason) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : origin.getHeaders()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", utf8(reason.getMessage()))
                .add("dead-letter-cause", utf8(reason.getClass().getName()))
                .add("dead-letter-topic", utf8(origin.getTopic()))
                .add("dead-letter-partition", utf8(Integer.toString(origin.getPartition())))
                .add("dead-letter-offset", utf8(Long.toString(origin.getOffset())));
        // A tombstone (null value) is parked as an empty value: a message needs a payload.
        byte[] value = record.getPayload() == null ? new byte[0] : record.getPayload();
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.builder()
                .withKey(origin.getKey()).withHeaders(headers).build()));
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
