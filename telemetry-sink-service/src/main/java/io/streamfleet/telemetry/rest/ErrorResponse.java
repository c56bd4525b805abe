package io.streamfleet.telemetry.rest;

/** The JSON body of every 4xx answer: which field is wrong (or unknown) and why. */
public record ErrorResponse(int status, String error, String field, String message) {

    public static ErrorResponse badRequest(String field, String message) {
        return new ErrorResponse(400, "Bad Request", field, message);
    }

    public static ErrorResponse notFound(String field, String message) {
        return new ErrorResponse(404, "Not Found", field, message);
    }
}
