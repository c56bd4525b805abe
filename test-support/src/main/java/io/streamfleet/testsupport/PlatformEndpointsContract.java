package io.streamfleet.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every streamfleet service serves to operators: health probes, Prometheus metrics and its OpenAPI document.
 * Each service runs it with an empty {@code @QuarkusTest class PlatformEndpointsTest extends PlatformEndpointsContract}
 * carrying the test resources the service needs, so readiness includes its real Kafka and MongoDB connections.
 */
public abstract class PlatformEndpointsContract {

    @Test
    void healthProbesReportUp() {
        for (String probe : new String[] { "live", "ready", "started" }) {
            given().when().get("/q/health/" + probe)
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("openapi", containsString("3."));
    }
}
