package io.streamfleet.support.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers, before any application code runs, the two requests the HTTP layer would otherwise reject with an empty
 * body, so that every client gets a JSON error naming what was too large:
 * <ul>
 * <li>a declared body over {@code quarkus.http.limits.max-body-size}: 413 naming {@code body}, the body left unread;
 * <li>a request target (path and query) over {@code streamfleet.http.max-uri-length}: 414 naming {@code uri}.
 * The HTTP codec's own hard stop, {@code quarkus.http.limits.max-initial-line-length}, is set far above it
 * (META-INF/microprofile-config.properties of this library), so only lines beyond that get the codec's bare 414.
 * </ul>
 */
@Singleton
public class RequestLimits {

    private final long maxBodyBytes;
    private final int maxUriLength;

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "streamfleet.http.max-uri-length") int maxUriLength) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxUriLength = maxUriLength;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String uri = context.request().uri();
            if (uri.length() > maxUriLength) {
                reject(context, 414, "URI Too Long", "uri", "has " + uri.length() + " characters; at most "
                        + maxUriLength + " are accepted (streamfleet.http.max-uri-length)");
                return;
            }
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared)) {
                reject(context, 413, "Request Entity Too Large", "body", "has " + declared.trim()
                        + " bytes; at most " + maxBodyBytes + " are accepted (quarkus.http.limits.max-body-size)");
                return;
            }
            context.next();
        });
    }

    /** The body stays unread: close the connection after the answer rather than drain megabytes. */
    private static void reject(RoutingContext context, int status, String error, String field, String message) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"status\":" + status + ",\"error\":\"" + error + "\",\"field\":\"" + field
                        + "\",\"message\":\"" + message + "\"}");
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec rejects a malformed Content-Length itself
        }
    }
}
