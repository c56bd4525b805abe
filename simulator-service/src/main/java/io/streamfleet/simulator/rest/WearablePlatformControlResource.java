package io.streamfleet.simulator.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.streamfleet.simulator.domain.SourceStatus;

/**
 * The producer control paths the wearable platform's clients already call (DESIGN.md, "Contracts that existing clients
 * already use"); Quarkus REST matches them with and without the Django-style trailing slash. Same behaviour and
 * answer as {@code /streams}.
 */
@Path("/api/v2/kafka-streams/control/producer")
@Produces(MediaType.APPLICATION_JSON)
public class WearablePlatformControlResource {

    private final StreamControlResource streams;

    public WearablePlatformControlResource(StreamControlResource streams) {
        this.streams = streams;
    }

    @POST
    @Path("/start/{stream}")
    @RolesAllowed(StreamControlResource.OPERATOR)
    @Operation(summary = "Start a stream (wearable platform path; also with a trailing slash)")
    public SourceStatus start(@PathParam("stream") String stream) {
        return streams.start(stream);
    }

    @POST
    @Path("/stop/{stream}")
    @RolesAllowed(StreamControlResource.OPERATOR)
    @Operation(summary = "Stop a stream (wearable platform path; also with a trailing slash)")
    public SourceStatus stop(@PathParam("stream") String stream) {
        return streams.stop(stream);
    }
}
