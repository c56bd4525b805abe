package io.streamfleet.telemetry.store;

/**
 * VictoriaMetrics refused the request's content (400, 413, 422): sending it again cannot succeed, so the records in it
 * go to their dead-letter topics instead. Not thrown for auth or routing errors (401, 403, 404, ...): those are the
 * deployment's fault, not the records', and are waited out like an outage.
 */
public class RejectedWriteException extends RuntimeException {

    private final int status;

    public RejectedWriteException(int status, String body) {
        super("VictoriaMetrics rejected the write with HTTP " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
