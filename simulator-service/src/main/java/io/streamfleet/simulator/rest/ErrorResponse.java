package io.streamfleet.simulator.rest;

/** The JSON body of every 4xx answer: which field is wrong and why. */
public record ErrorResponse(int status, String error, String field, String message) {
}
