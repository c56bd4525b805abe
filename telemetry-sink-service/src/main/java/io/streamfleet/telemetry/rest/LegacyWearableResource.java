package io.streamfleet.telemetry.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * The wearable platform's read paths (a Django REST API, so its paths end in '/'), served unchanged for the clients in
 * the field, with and without the trailing slash. Same answers as streamfleet's own paths.
 */
@Path("/api/v2/kafka-streams")
@Tag(name = "Wearable platform (legacy paths)")
public class LegacyWearableResource {

    private final LatestValueResponses latest;
    private final AdminView admin;

    public LegacyWearableResource(LatestValueResponses latest, AdminView admin) {
        this.latest = latest;
        this.admin = admin;
    }

    @GET
    @Path("/images/{stream}/latest{slash: /?}")
    @Produces({ "image/jpeg", MediaType.APPLICATION_JSON })
    @Operation(summary = "= GET /streams/images/{stream}/latest")
    public Response image(@PathParam("stream") String stream) {
        return latest.image(stream);
    }

    @GET
    @Path("/sensors/{stream}/latest{slash: /?}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "= GET /streams/sensors/{stream}/latest")
    public Response streamSample(@PathParam("stream") String stream) {
        return latest.streamSample(stream);
    }

    @GET
    @Path("/admin/status{slash: /?}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "= GET /admin/status")
    public Uni<AdminView.SinkStatus> status() {
        return admin.status();
    }

    @GET
    @Path("/admin/health{slash: /?}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "= GET /admin/health")
    public Uni<Response> health() {
        return admin.health();
    }

    @GET
    @Path("/admin/streams{slash: /?}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "= GET /admin/streams")
    public Uni<List<AdminView.StreamStatus>> streams() {
        return admin.streams();
    }
}
