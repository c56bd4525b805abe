package io.streamfleet.telemetry.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

/** What the sink is doing: per topic and overall. Read-only, open like every read. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final AdminView view;

    public AdminResource(AdminView view) {
        this.view = view;
    }

    @GET
    @Path("/streams")
    @Operation(summary = "Per consumed topic: records/s, consumer lag, last seen, records, samples, dead letters")
    public Uni<List<AdminView.StreamStatus>> streams() {
        return view.streams();
    }

    @GET
    @Path("/status")
    @Operation(summary = "Overall state: VictoriaMetrics reachable, channels waiting for it, totals")
    public Uni<AdminView.SinkStatus> status() {
        return view.status();
    }

    @GET
    @Path("/health")
    @Operation(summary = "The readiness report (Kafka channels, VictoriaMetrics); 503 when DOWN")
    public Uni<Response> health() {
        return view.health();
    }
}
