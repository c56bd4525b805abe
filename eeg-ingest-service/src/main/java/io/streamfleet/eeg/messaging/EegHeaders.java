package io.streamfleet.eeg.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The header names of docs/contracts.md and how their UTF-8 text values are read and written. */
final class EegHeaders {

    static final String PRODUCED_AT = "producedAt";
    static final String ORIGIN_PRODUCED_AT = "originProducedAt";
    /** The scripted intended command: evaluation and training only, never used to decide anything. */
    static final String INTENT = "intent";

    private EegHeaders() {
    }

    static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** An epoch-millisecond header, or null when absent or not a number (a bad timestamp is not worth a dead letter). */
    static Long millis(Headers headers, String name) {
        String text = text(headers, name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
