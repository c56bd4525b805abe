package io.streamfleet.eeg.messaging;

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

/**
 * Parks frame records that cannot be processed on the dead-letter topic: same key, same value bytes, the original
 * headers, plus {@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition} and {@code -offset}
 * (docs/contracts.md; the names SmallRye's own dead-letter strategy uses).
 */
@ApplicationScoped
public class EegFrameDeadLetters {

    private static final int BUFFER = 4096;

    private final MutinyEmitter<byte[]> emitter;

    public EegFrameDeadLetters(
            @Channel("eeg-frames-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the dead letter. */
    public Uni<Void> park(KafkaRecord<String, byte[]> record, long offset, Exception reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", EegHeaders.utf8(reason.getMessage()))
                .add("dead-letter-cause", EegHeaders.utf8(reason.getClass().getName()))
                .add("dead-letter-topic", EegHeaders.utf8(record.getTopic()))
                .add("dead-letter-partition", EegHeaders.utf8(Integer.toString(record.getPartition())))
                .add("dead-letter-offset", EegHeaders.utf8(Long.toString(offset)));
        // A tombstone (null value) is parked as an empty value: a message needs a payload.
        byte[] value = record.getPayload() == null ? new byte[0] : record.getPayload();
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey()).withHeaders(headers).build()));
    }
}
