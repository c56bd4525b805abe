package io.streamfleet.prediction.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.prediction.PredictionInfrastructure;
import io.streamfleet.prediction.TestModels;

@QuarkusTest
@TestProfile(PredictionInfrastructure.class)
class ModelsResourceTest {

    @Test
    void modelsNameTheBuiltInBackendAndItsModelFromTheConfiguredPath() {
        given().get("/models").then().statusCode(200)
                .body("backend", equalTo("builtin"))
                .body("confidenceThreshold", equalTo((float) PredictionInfrastructure.CONFIDENCE_THRESHOLD))
                .body("builtIn.name", equalTo(TestModels.NAME))
                .body("builtIn.version", equalTo(TestModels.VERSION))
                .body("builtIn.classes", hasSize(11))
                .body("builtIn.holdoutAccuracy", notNullValue())
                .body("builtIn.dataset", equalTo("synthetic, for component tests"))
                .body("skippedWindows.maxWindowAgeMs",
                        equalTo((int) PredictionInfrastructure.MAX_WINDOW_AGE.toMillis()))
                .body("skippedWindows.clockSkewMs", equalTo(500))
                .body("skippedWindows.stale", notNullValue())
                .body("remote", nullValue());
    }

    @Test
    void unknownHeadsetHasNoLatestPrediction() {
        given().get("/predictions/{h}/latest", "nobody").then().statusCode(404)
                .body("status", equalTo(404))
                .body("message", equalTo("no prediction for headset nobody"));
    }
}
