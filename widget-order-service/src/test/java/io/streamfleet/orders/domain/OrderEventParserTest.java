package io.streamfleet.orders.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderEventParserTest {

    private static WidgetOrder parse(String json) {
        return OrderEventParser.parse(json.getBytes(StandardCharsets.UTF_8), "fallback-id", 42L);
    }

    @Test
    void legacyMinimalEventGetsTheCallersDefaults() {
        WidgetOrder order = parse("{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W123\"}");
        assertEquals(new WidgetOrder("fallback-id", "Fred", "W123", 1, 42L), order);
    }

    @Test
    void fullEventKeepsItsOwnValuesAndIgnoresUnknownFields() {
        WidgetOrder order = parse("{\"type\":\"WidgetOrdered\",\"orderId\":\"o-1\",\"customerId\":\"Fred\","
                + "\"widgetId\":\"W123\",\"quantity\":7,\"orderedAt\":1713763500000,\"channel\":\"web\"}");
        assertEquals(new WidgetOrder("o-1", "Fred", "W123", 7, 1713763500000L), order);
    }

    @Test
    void explicitNullsCountAsMissingOptionals() {
        WidgetOrder order = parse("{\"type\":\"WidgetOrdered\",\"orderId\":null,\"customerId\":\"Fred\","
                + "\"widgetId\":\"W1\",\"quantity\":null,\"orderedAt\":null}");
        assertEquals(new WidgetOrder("fallback-id", "Fred", "W1", 1, 42L), order);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                                                              | body",
            "[1,2,3]                                                                      | body",
            "\"WidgetOrdered\"                                                            | body",
            "{\"customerId\":\"Fred\",\"widgetId\":\"W1\"}                                | type",
            "{\"type\":\"WidgetShipped\",\"customerId\":\"Fred\",\"widgetId\":\"W1\"}     | type",
            "{\"type\":\"WidgetOrdered\",\"widgetId\":\"W1\"}                             | customerId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"  \",\"widgetId\":\"W1\"}       | customerId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":17,\"widgetId\":\"W1\"}           | customerId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"a\\u0000b\",\"widgetId\":\"W1\"} | customerId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\"}                         | widgetId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":[\"W1\"]}   | widgetId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"orderId\":\"\"}      | orderId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"quantity\":0}        | quantity",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"quantity\":10001}    | quantity",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"quantity\":1.5}      | quantity",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"quantity\":\"2\"}    | quantity",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"orderedAt\":-1}      | orderedAt",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"orderedAt\":1e30}    | orderedAt",
    })
    void contractViolationsNameTheField(String json, String field) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> parse(json));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void overlongIdsAreRejected() {
        String longId = "x".repeat(OrderEventParser.MAX_ID_LENGTH + 1);
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> parse("{\"type\":\"WidgetOrdered\",\"customerId\":\"" + longId + "\",\"widgetId\":\"W1\"}"));
        assertEquals("customerId", e.field());
    }

    @Test
    void emptyAndMissingBodiesAreRejected() {
        assertEquals("body", assertThrows(InvalidFieldException.class,
                () -> OrderEventParser.parse(new byte[0], "id", 0)).field());
        assertEquals("body", assertThrows(InvalidFieldException.class,
                () -> OrderEventParser.parse(null, "id", 0)).field());
    }

    @Test
    void invalidUtf8IsRejectedAsBody() {
        byte[] bytes = { '{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        assertEquals("body", assertThrows(InvalidFieldException.class,
                () -> OrderEventParser.parse(bytes, "id", 0)).field());
    }

    @Test
    void reasonOmitsTheFieldPrefix() {
        InvalidFieldException e = new InvalidFieldException("quantity", "must be positive");
        assertEquals("quantity: must be positive", e.getMessage());
        assertEquals("must be positive", e.reason());
    }
}
