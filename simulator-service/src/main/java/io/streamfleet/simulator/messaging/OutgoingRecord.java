package io.streamfleet.simulator.messaging;

import java.util.Map;

/**
 * What a source produces for one Kafka record: topic, key, value and its own headers (in order). The burst
 * protection adds {@code producedAt} when the record is handed to the producer.
 */
public record OutgoingRecord(String topic, String key, byte[] value, Map<String, String> headers) {

    public OutgoingRecord {
        headers = headers == null ? Map.of() : headers;
    }

    /** Bytes this record weighs against rate limits and the outbox bound (value, key and headers). */
    public int size() {
        int size = value.length + (key == null ? 0 : key.length());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            size += header.getKey().length() + header.getValue().length();
        }
        return size;
    }
}
