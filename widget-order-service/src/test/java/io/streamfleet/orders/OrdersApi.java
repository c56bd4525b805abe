package io.streamfleet.orders;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What tests see of the service from outside: its HTTP API, awaited with a deadline rather than slept on. */
public final class OrdersApi {

    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private OrdersApi() {
    }

    /** A customer id no other test uses, so tests sharing one broker and store stay independent. */
    public static String uniqueCustomer(String label) {
        return label + "-" + UUID.randomUUID();
    }

    public static List<Map<String, Object>> orders(String customerId) {
        return given().queryParam("size", 500).get("/orders/{c}", customerId)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Waits until the customer has exactly {@code count} orders, and returns them. */
    public static List<Map<String, Object>> awaitOrders(String customerId, int count) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> orders(customerId), list -> list.size() == count);
    }

    /** POST /orders as the ingest user, the way a producer calls it. */
    public static Response post(String json) {
        return asIngest().contentType(ContentType.JSON).body(json).post("/orders");
    }

    /** HTTP Basic as the %test ingest user; preemptive so the body is sent once. */
    public static RequestSpecification asIngest() {
        return given().auth().preemptive().basic("ingest", "ingest");
    }
}
