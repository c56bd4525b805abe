package io.streamfleet.prediction.domain;

/** A model file that cannot be used: unreadable, or its arrays do not fit its channels, bands and classes. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
