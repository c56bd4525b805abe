package io.streamfleet.telemetry.rest;

/** A path names a satellite, sensor or stream this service has no reading of: answered 404, naming the field. */
public class UnknownIdException extends RuntimeException {

    private final String field;

    public UnknownIdException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
