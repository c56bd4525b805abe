package io.streamfleet.support.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a JSON 413 naming the
 * body, before anything reads it: the HTTP layer's own 413 has no body, so clients would get no reason.
 */
@Singleton
public class BodyLimit {

    private final long maxBodyBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared)) {
                // The body stays unread: close the connection after the answer rather than drain megabytes.
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"status\":413,\"error\":\"Request Entity Too Large\",\"field\":\"body\","
                                + "\"message\":\"has " + declared.trim() + " bytes; at most " + maxBodyBytes
                                + " are accepted (quarkus.http.limits.max-body-size)\"}");
                return;
            }
            context.next();
        });
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec rejects a malformed Content-Length itself
        }
    }
}
