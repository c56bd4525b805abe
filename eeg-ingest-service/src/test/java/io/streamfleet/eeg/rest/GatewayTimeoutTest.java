package io.streamfleet.eeg.rest;

import static io.streamfleet.eeg.EegApi.frame;
import static io.streamfleet.eeg.EegApi.post;
import static io.streamfleet.eeg.EegApi.uniqueHeadset;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** No acknowledgement within the configured timeout: 503 with a JSON body, never a premature 202. */
@QuarkusTest
@TestProfile(GatewayTimeoutProfile.class)
class GatewayTimeoutTest {

    @Test
    void unacknowledgedFramesAnswer503() {
        String headset = uniqueHeadset("timeout");
        post(headset, frame(headset, 0, 10)).then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("status", equalTo(503))
                .body("message", containsString("did not acknowledge within 500 ms"));
    }
}
