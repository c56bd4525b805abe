package io.streamfleet.simulator.rest;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.SourceStatus;
import io.streamfleet.simulator.messaging.PacedSource;
import io.streamfleet.simulator.messaging.SourceRegistry;

/**
 * Operator control of the simulated sources, one stream at a time. Reads are open (dashboards, probes); changes need
 * the operator role (HTTP Basic): 401 without credentials, 403 for other users.
 */
@Path("/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamControlResource {

    static final String OPERATOR = "operator";

    private final SourceRegistry sources;
    private final ObjectMapper mapper;
    private final double maxRate;

    public StreamControlResource(SourceRegistry sources, ObjectMapper mapper, SimulatorConfig config) {
        this.sources = sources;
        this.mapper = mapper;
        this.maxRate = config.maxRate();
    }

    @GET
    @Operation(summary = "Every simulated stream: state, target and actual rate, bytes/s, sampled, dropped by reason, "
            + "queue depth, burst limits")
    public List<SourceStatus> all() {
        return sources.all().stream().map(PacedSource::status).toList();
    }

    @GET
    @Path("/{stream}")
    @Operation(summary = "One simulated stream")
    public SourceStatus one(@PathParam("stream") String stream) {
        return source(stream).status();
    }

    @POST
    @Path("/{stream}/start")
    @RolesAllowed(OPERATOR)
    @Operation(summary = "Start a stream (no-op when running)")
    public SourceStatus start(@PathParam("stream") String stream) {
        return control(stream, PacedSource::start);
    }

    @POST
    @Path("/{stream}/stop")
    @RolesAllowed(OPERATOR)
    @Operation(summary = "Stop a stream (no-op when stopped); records in flight still complete")
    public SourceStatus stop(@PathParam("stream") String stream) {
        return control(stream, PacedSource::stop);
    }

    @PUT
    @Path("/{stream}/rate")
    @RolesAllowed(OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a stream's target rate (records generated per second, before sampling and limits)")
    @RequestBody(description = "{\"messagesPerSecond\": 20}")
    public SourceStatus rate(@PathParam("stream") String stream, byte[] body) {
        PacedSource source = source(stream);
        source.setRate(messagesPerSecond(body));
        return source.status();
    }

    private double messagesPerSecond(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null
                    : mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw new InvalidFieldException("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object like {\"messagesPerSecond\": 20}");
        }
        JsonNode rate = root.get("messagesPerSecond");
        if (rate == null || !rate.isNumber() || !(rate.doubleValue() > 0) || rate.doubleValue() > maxRate) {
            throw new InvalidFieldException("messagesPerSecond", "must be a number above 0 and at most " + maxRate);
        }
        return rate.doubleValue();
    }

    /** Applies an operator action to one stream and answers with its status afterwards. */
    SourceStatus control(String stream, Consumer<PacedSource> action) {
        PacedSource source = source(stream);
        action.accept(source);
        return source.status();
    }

    private PacedSource source(String stream) {
        return sources.find(stream).orElseThrow(() -> new NotFoundException("no stream named " + stream));
    }
}
