package io.streamfleet.eeg.rest;

import java.time.Clock;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.streamfleet.eeg.domain.EegFeatures;
import io.streamfleet.eeg.domain.HeadsetDirectory;
import io.streamfleet.eeg.domain.HeadsetSummary;

/**
 * What this instance knows about the headsets it processes. With several instances each knows the headsets of its
 * own partitions only.
 */
@Path("/eeg")
@Produces(MediaType.APPLICATION_JSON)
public class HeadsetResource {

    private final HeadsetDirectory directory;
    private final Clock clock = Clock.systemUTC();

    public HeadsetResource(HeadsetDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Path("/headsets")
    @Operation(summary = "Headsets seen", description = "Every headset whose frames this instance processed recently: "
            + "sample rate, channels, frames per second over the recent interval, frames skipped as stale or "
            + "future-dated and the windows they did not publish, when it was last seen (epoch ms).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HeadsetSummary.class, type = SchemaType.ARRAY)))
    public List<HeadsetSummary> headsets() {
        return directory.headsets(clock.millis());
    }

    @GET
    @Path("/{headsetId}/latest")
    @Operation(summary = "A headset's latest features",
            description = "The last eeg-features record published for the headset, with its signal quality.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EegFeatures.class)))
    @APIResponse(responseCode = "404", description = "no features for this headset (yet) on this instance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorResponse.class)))
    public Response latest(@PathParam("headsetId") String headsetId) {
        return directory.latest(headsetId)
                .map(features -> Response.ok(features).build())
                .orElseGet(() -> ErrorMappers.json(new ErrorResponse(404, "Not Found", "headsetId",
                        "no features for headset \"" + headsetId + "\" on this instance yet")));
    }
}
