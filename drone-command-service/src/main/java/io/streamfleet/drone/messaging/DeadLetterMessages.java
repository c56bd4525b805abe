package io.streamfleet.drone.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The dead letter for a record this service cannot process: same key, same value bytes, the original headers, plus the
 * reason and origin under the header names SmallRye's own dead-letter strategy uses. One shape for every dead-letter
 * topic the service writes.
 */
final class DeadLetterMessages {

    private DeadLetterMessages() {
    }

    static Message<byte[]> of(KafkaRecord<String, byte[]> record, long offset, Exception reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", utf8(reason.getMessage()))
                .add("dead-letter-cause", utf8(reason.getClass().getName()))
                .add("dead-letter-topic", utf8(record.getTopic()))
                .add("dead-letter-partition", utf8(Integer.toString(record.getPartition())))
                .add("dead-letter-offset", utf8(Long.toString(offset)));
        // A tombstone (null value) is parked as an empty value: a message needs a payload.
        byte[] value = record.getPayload() == null ? new byte[0] : record.getPayload();
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey()).withHeaders(headers).build());
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
