package io.streamfleet.orders.rest;

import static io.restassured.RestAssured.given;
import static io.streamfleet.orders.OrdersApi.awaitOrders;
import static io.streamfleet.orders.OrdersApi.asIngest;
import static io.streamfleet.orders.OrdersApi.post;
import static io.streamfleet.orders.OrdersApi.uniqueCustomer;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.streamfleet.orders.OrdersInfrastructure;

/**
 * The order API as a client sees it. Orders placed here travel through the real broker and the consumer before they
 * can be read back: POST never writes MongoDB itself. Runs against the packaged app too ({@code OrderResourceIT}).
 */
@QuarkusTest
@TestProfile(OrdersInfrastructure.class)
class OrderResourceTest {

    private static String order(String customer, String widget, int quantity, long orderedAt) {
        return "{\"type\":\"WidgetOrdered\",\"customerId\":\"" + customer + "\",\"widgetId\":\"" + widget
                + "\",\"quantity\":" + quantity + ",\"orderedAt\":" + orderedAt + "}";
    }

    @Test
    void placedOrderIsAcceptedAndThenReadable() {
        String customer = uniqueCustomer("Wilma");
        String orderId = post("{\"type\":\"WidgetOrdered\",\"customerId\":\"" + customer + "\",\"widgetId\":\"W123\"}")
                .then().statusCode(202)
                .header("Location", endsWith("/orders/" + customer))
                .body("customerId", equalTo(customer))
                .body("quantity", equalTo(1))
                .body("orderedAt", notNullValue())
                .body("orderId", matchesPattern("[0-9a-f-]{36}"))
                .extract().path("orderId");

        Map<String, Object> stored = awaitOrders(customer, 1).get(0);
        assertEquals(orderId, stored.get("orderId"));
        assertEquals("W123", stored.get("widgetId"));
    }

    @Test
    void resendingAnOrderWithItsIdStoresItOnce() {
        String customer = uniqueCustomer("resend");
        String body = "{\"type\":\"WidgetOrdered\",\"orderId\":\"" + customer + "-1\",\"customerId\":\"" + customer
                + "\",\"widgetId\":\"W1\",\"orderedAt\":1000}";
        post(body).then().statusCode(202);
        post(body).then().statusCode(202);
        // a later order on the same key proves the consumer has passed both copies
        post(order(customer, "W2", 1, 2000)).then().statusCode(202);
        List<Map<String, Object>> orders = awaitOrders(customer, 2);
        assertEquals(List.of("W2", "W1"), orders.stream().map(o -> o.get("widgetId")).toList());
    }

    @Test
    void ordersArePagedNewestFirstWithTotalCount() {
        String customer = uniqueCustomer("pages");
        for (int i = 1; i <= 5; i++) {
            post(order(customer, "W" + i, i, 1_700_000_000_000L + i)).then().statusCode(202);
        }
        awaitOrders(customer, 5);

        given().queryParam("page", 0).queryParam("size", 2).get("/orders/{c}", customer)
                .then().statusCode(200)
                .header("X-Total-Count", "5")
                .body("widgetId", equalTo(List.of("W5", "W4")));
        given().queryParam("page", 2).queryParam("size", 2).get("/orders/{c}", customer)
                .then().statusCode(200)
                .body("widgetId", equalTo(List.of("W1")));
        given().queryParam("page", 3).queryParam("size", 2).get("/orders/{c}", customer)
                .then().statusCode(200)
                .body("$", emptyIterable());
    }

    @Test
    void unknownCustomerHasAnEmptyListNot404() {
        given().get("/orders/{c}", uniqueCustomer("nobody"))
                .then().statusCode(200)
                .header("X-Total-Count", "0")
                .body("$", hasSize(0));
    }

    @Test
    void summaryCountsOrdersAndQuantityPerWidget() {
        String customer = uniqueCustomer("summary");
        post(order(customer, "W1", 2, 1)).then().statusCode(202);
        post(order(customer, "W1", 3, 2)).then().statusCode(202);
        post(order(customer, "W2", 1, 3)).then().statusCode(202);
        awaitOrders(customer, 3);

        given().get("/orders/{c}/summary", customer)
                .then().statusCode(200)
                .body("customerId", equalTo(customer))
                .body("totalOrders", equalTo(3))
                .body("totalQuantity", equalTo(6))
                .body("widgets.widgetId", equalTo(List.of("W1", "W2")))
                .body("widgets.orders", equalTo(List.of(2, 1)))
                .body("widgets.quantity", equalTo(List.of(5, 1)));
    }

    @Test
    void summaryOfUnknownCustomerIsEmpty() {
        given().get("/orders/{c}/summary", uniqueCustomer("nobody"))
                .then().statusCode(200)
                .body("totalOrders", equalTo(0))
                .body("widgets", hasSize(0));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"WidgetOrdered\",\"widgetId\":\"W1\"}                                         | customerId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"\",\"widgetId\":\"W1\"}                     | customerId",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\"}                                     | widgetId",
            "{\"customerId\":\"Fred\",\"widgetId\":\"W1\"}                                            | type",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"quantity\":0}    | quantity",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"quantity\":\"x\"} | quantity",
            "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W1\",\"orderedAt\":-5}  | orderedAt",
            "{not json                                                                                | body",
    })
    void invalidBodyIsRejectedWithTheField(String body, String field) {
        post(body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("message", notNullValue());
    }

    @Test
    void placingAnOrderNeedsTheIngestOrOperatorRole() {
        String body = order(uniqueCustomer("auth"), "W1", 1, 1);
        given().contentType(ContentType.JSON).body(body).post("/orders").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "viewer").contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(403);
        given().auth().preemptive().basic("ingest", "wrong").contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(401);
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(202);
    }

    @Test
    void aBodyOverTheHttpLimitIsAnswered413AsJsonNamingTheBody() {
        String padded = order(uniqueCustomer("big"), "W1", 1, 1).replace("}", ",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        asIngest().contentType(ContentType.JSON).body(padded).post("/orders")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("status", equalTo(413)).body("field", equalTo("body"));
    }

    @Test
    void aRequestTargetOverTheUriLimitIsAnswered414AsJsonNamingTheUri() {
        // 5,000 characters: over streamfleet.http.max-uri-length (4096), under the HTTP codec's own 64 KiB line limit
        given().get("/orders/" + "c".repeat(5_000))
                .then().statusCode(414).contentType(ContentType.JSON)
                .body("status", equalTo(414)).body("field", equalTo("uri"));
        // and a target just under it reaches the application, which names the field itself
        given().get("/orders/" + "c".repeat(4_000))
                .then().statusCode(400).contentType(ContentType.JSON).body("field", equalTo("customerId"));
    }

    @Test
    void anOverlongCustomerIdIsAnswered400NamingIt() {
        String longId = "c".repeat(129);
        given().get("/orders/{c}", longId).then().statusCode(400).body("field", equalTo("customerId"));
        given().get("/orders/{c}/summary", longId).then().statusCode(400).body("field", equalTo("customerId"));
        post(order(longId, "W1", 1, 1)).then().statusCode(400).body("field", equalTo("customerId"));
    }

    @Test
    void emptyBodyIsRejected() {
        asIngest().contentType(ContentType.JSON).post("/orders")
                .then().statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void nonJsonContentTypeIsRejectedAsJson() {
        asIngest().contentType(ContentType.TEXT).body("hello").post("/orders")
                .then().statusCode(415).contentType(ContentType.JSON).body("status", equalTo(415));
    }

    @Test
    void openApiDescribesTheOrderApi() {
        given().accept(ContentType.JSON).get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/orders/{customerId}'.get.responses.'200'.content.'application/json'.schema.type",
                        equalTo("array"))
                .body("paths.'/orders'.post.requestBody.content.'application/json'.schema", notNullValue())
                .body("paths.'/orders/{customerId}/summary'.get", notNullValue());
    }

    @ParameterizedTest(name = "{0}={1} -> 400")
    @CsvSource({ "page,-1", "page,abc", "size,0", "size,501", "size,1.5" })
    void badPagingParametersAreRejectedWithTheField(String name, String value) {
        given().queryParam(name, value).get("/orders/{c}", "Fred")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("field", equalTo(name));
    }
}
