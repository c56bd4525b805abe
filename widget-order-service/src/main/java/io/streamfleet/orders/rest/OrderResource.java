package io.streamfleet.orders.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.streamfleet.orders.config.OrdersConfig;
import io.streamfleet.orders.domain.InvalidFieldException;
import io.streamfleet.orders.domain.OrderEventParser;
import io.streamfleet.orders.domain.OrderIds;
import io.streamfleet.orders.domain.OrderSummary;
import io.streamfleet.orders.domain.WidgetOrder;
import io.streamfleet.orders.messaging.OrderEventsPublisher;
import io.streamfleet.orders.messaging.WidgetOrderedEvent;
import io.streamfleet.orders.store.OrderRepository;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    /** Deep pages are a scan in disguise; clients that need everything should read the topic. */
    static final int MAX_PAGE = 100_000;

    private final OrderRepository repository;
    private final OrderEventsPublisher publisher;
    private final OrdersConfig.Paging paging;
    private final Duration publishTimeout;
    private final int maxIdLength;
    private final Clock clock = Clock.systemUTC();

    public OrderResource(OrderRepository repository, OrderEventsPublisher publisher, OrdersConfig config) {
        this.repository = repository;
        this.publisher = publisher;
        this.paging = config.paging();
        this.publishTimeout = config.publishTimeout();
        this.maxIdLength = config.limits().maxIdLength();
    }

    @GET
    @Path("/{customerId}")
    @Operation(summary = "A customer's orders, newest first",
            description = "An unknown customer has no orders: the answer is an empty list, not 404. "
                    + "X-Total-Count carries the customer's order count.")
    @APIResponse(responseCode = "200", description = "a JSON array of orders", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WidgetOrder.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "page or size out of range, or customerId too long", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<Response> orders(@PathParam("customerId") String customerId,
            @Parameter(description = "zero-based page number") @QueryParam("page") String page,
            @Parameter(description = "orders per page") @QueryParam("size") String size) {
        checkCustomerId(customerId);
        int pageNumber = QueryParams.intParam("page", page, 0, 0, MAX_PAGE);
        int pageSize = QueryParams.intParam("size", size, paging.defaultSize(), 1, paging.maxSize());
        Uni<List<WidgetOrder>> orders = repository.findByCustomer(customerId, pageNumber, pageSize);
        Uni<Long> total = repository.countByCustomer(customerId);
        return Uni.combine().all().unis(orders, total).asTuple()
                .map(both -> Response.ok(both.getItem1()).header("X-Total-Count", both.getItem2()).build());
    }

    @GET
    @Path("/{customerId}/summary")
    @Operation(summary = "A customer's order count and quantity per widget")
    public Uni<OrderSummary> summary(@PathParam("customerId") String customerId) {
        checkCustomerId(customerId);
        return repository.summarize(customerId);
    }

    /** No stored order has a longer id: say so as a 400 rather than query for it. */
    private void checkCustomerId(String customerId) {
        if (customerId.length() > maxIdLength) {
            throw new InvalidFieldException("customerId", "must be at most " + maxIdLength + " characters");
        }
    }

    @POST
    @RolesAllowed({ "ingest", "operator" })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order",
            description = "Validates a WidgetOrdered event and publishes it to the order topic; the order consumer "
                    + "stores it. 202 means the broker has the order durably. Without orderId one is assigned; "
                    + "without orderedAt the time of acceptance is used; quantity defaults to 1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WidgetOrderedEvent.class),
            example = "{\"type\":\"WidgetOrdered\",\"customerId\":\"Fred\",\"widgetId\":\"W123\",\"quantity\":1}"))
    @APIResponse(responseCode = "202", description = "accepted; the body is the order as published", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WidgetOrder.class)))
    @APIResponse(responseCode = "400", description = "the body breaks the contract; the JSON error names the field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "401", description = "no credentials: HTTP Basic as user ingest (or operator)")
    @APIResponse(responseCode = "403", description = "the user has neither the ingest nor the operator role")
    @APIResponse(responseCode = "503", description = "the broker did not acknowledge in time; retry with the same "
            + "orderId, which makes the retry safe")
    public Uni<Response> place(byte[] body) {
        WidgetOrder order = OrderEventParser.parse(body, OrderIds.random(), clock.millis(), maxIdLength);
        URI location = UriBuilder.fromPath("/orders/{customerId}").build(order.customerId());
        return publisher.publish(order)
                .ifNoItem().after(publishTimeout).failWith(() -> new ServiceUnavailableException(
                        "the order topic did not acknowledge within " + publishTimeout.toMillis() + " ms"))
                .map(ignored -> Response.accepted(order).location(location).build());
    }

    /** Query parameters parsed here rather than by JAX-RS so that a bad one gets our JSON 400, not a bare 404. */
    static final class QueryParams {

        private QueryParams() {
        }

        static int intParam(String name, String raw, int fallback, int min, int max) {
            if (raw == null || raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below, like an out-of-range value
            }
            throw new InvalidFieldException(name, "must be an integer between " + min + " and " + max);
        }
    }
}
