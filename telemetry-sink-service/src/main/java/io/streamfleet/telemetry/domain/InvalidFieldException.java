package io.streamfleet.telemetry.domain;

/** Input that breaks a contract (a record, a path parameter); {@link #field()} names the offending field. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The reason without the field prefix, for clients that show the field separately. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
