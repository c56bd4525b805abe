package io.streamfleet.orders.domain;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reading of the WidgetOrdered wire contract, shared by the Kafka consumer and {@code POST /orders}:
 * <pre>{"type":"WidgetOrdered","orderId":"&lt;id&gt;","customerId":"Fred","widgetId":"W123","quantity":1,"orderedAt":1713763500000}</pre>
 * {@code type}, {@code customerId} and {@code widgetId} are required; the caller supplies what a missing
 * {@code orderId} and {@code orderedAt} become, so that each entry point keeps its own idempotency rule. Unknown
 * fields are ignored so that producers can add fields without breaking this consumer.
 */
public final class OrderEventParser {

    /** The id length limit when configuration does not say otherwise (streamfleet.orders.limits.max-id-length). */
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_QUANTITY = 10_000;
    /** 9999-12-31: anything later is a unit mistake (e.g. microseconds), not a date. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    /** Trailing content ({"a":1}{"b":2}, {"a":1}x) makes the whole value invalid rather than silently ignored. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private OrderEventParser() {
    }

    /**
     * @param json             the record value or request body (UTF-8 JSON)
     * @param defaultOrderId   the order id to use when the event has none
     * @param defaultOrderedAt the order time to use when the event has none (epoch ms)
     * @throws InvalidFieldException naming the first offending field
     */
    public static WidgetOrder parse(byte[] json, String defaultOrderId, long defaultOrderedAt) {
        return parse(json, defaultOrderId, defaultOrderedAt, MAX_ID_LENGTH);
    }

    /** As {@link #parse(byte[], String, long)}, with ids (orderId, customerId, widgetId) at most {@code maxIdLength}. */
    public static WidgetOrder parse(byte[] json, String defaultOrderId, long defaultOrderedAt, int maxIdLength) {
        if (json == null || json.length == 0) {
            throw new InvalidFieldException("body", "is empty; expected a WidgetOrdered JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidFieldException("body", "could not be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object");
        }
        String type = requiredText(root, "type", maxIdLength);
        if (!WidgetOrder.TYPE.equals(type)) {
            throw new InvalidFieldException("type", "must be \"" + WidgetOrder.TYPE + "\"");
        }
        String orderId = root.has("orderId") && !root.get("orderId").isNull() ? requiredText(root, "orderId", maxIdLength) : defaultOrderId;
        String customerId = requiredText(root, "customerId", maxIdLength);
        String widgetId = requiredText(root, "widgetId", maxIdLength);
        int quantity = (int) optionalLong(root, "quantity", 1, 1, MAX_QUANTITY);
        long orderedAt = optionalLong(root, "orderedAt", defaultOrderedAt, 0, MAX_EPOCH_MILLIS);
        return new WidgetOrder(orderId, customerId, widgetId, quantity, orderedAt);
    }

    private static String requiredText(JsonNode root, String field, int maxIdLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!node.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        String value = node.textValue();
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > maxIdLength) {
            throw new InvalidFieldException(field, "must be at most " + maxIdLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "must not contain control characters");
        }
        return value;
    }

    private static long optionalLong(JsonNode root, String field, long fallback, long min, long max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidFieldException(field, "must be an integer between " + min + " and " + max);
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be an integer between " + min + " and " + max);
        }
        return value;
    }
}
