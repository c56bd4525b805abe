package io.streamfleet.drone.messaging;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The timing headers of docs/contracts.md: epoch milliseconds as UTF-8 text. */
final class RecordHeaderValues {

    static final String PRODUCED_AT = "producedAt";
    static final String ORIGIN_PRODUCED_AT = "originProducedAt";

    private RecordHeaderValues() {
    }

    /** Empty when the header is missing or not a number: timing headers never fail a record. */
    static OptionalLong epochMillis(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static byte[] text(long value) {
        return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }
}
