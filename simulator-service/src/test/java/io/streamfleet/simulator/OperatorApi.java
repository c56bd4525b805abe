package io.streamfleet.simulator;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The control API as the test operator (and viewer) call it; credentials are the %test ones of docs/contracts.md. */
public final class OperatorApi {

    private OperatorApi() {
    }

    public static RequestSpecification asOperator() {
        return given().auth().preemptive().basic("operator", "operator");
    }

    public static RequestSpecification asViewer() {
        return given().auth().preemptive().basic("viewer", "viewer");
    }

    public static JsonPath status(String stream) {
        return given().get("/streams/{s}", stream).then().statusCode(200).extract().jsonPath();
    }

    public static void start(String stream) {
        asOperator().post("/streams/{s}/start", stream).then().statusCode(200);
    }

    public static void stop(String stream) {
        asOperator().post("/streams/{s}/stop", stream).then().statusCode(200);
    }

    public static void rate(String stream, double perSecond) {
        asOperator().contentType("application/json").body("{\"messagesPerSecond\": " + perSecond + "}")
                .put("/streams/{s}/rate", stream).then().statusCode(200);
    }
}
