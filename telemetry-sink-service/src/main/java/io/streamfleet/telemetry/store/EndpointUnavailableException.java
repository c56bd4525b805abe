package io.streamfleet.telemetry.store;

/** VictoriaMetrics could not take the write now (5xx, 429, auth or routing errors): worth retrying unchanged. */
public class EndpointUnavailableException extends RuntimeException {

    public EndpointUnavailableException(String message) {
        super(message);
    }
}
