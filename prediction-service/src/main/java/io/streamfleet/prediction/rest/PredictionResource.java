package io.streamfleet.prediction.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.streamfleet.prediction.messaging.PredictionResult;
import io.streamfleet.prediction.store.LatestPredictions;

@Path("/predictions")
@Produces(MediaType.APPLICATION_JSON)
public class PredictionResource {

    private final LatestPredictions latest;

    public PredictionResource(LatestPredictions latest) {
        this.latest = latest;
    }

    @GET
    @Path("/{headsetId}/latest")
    @Operation(summary = "The latest prediction this instance published for a headset",
            description = "Kept in memory by the instance that consumed the headset's partition; 404 if it has none.")
    @APIResponse(responseCode = "200", description = "the prediction as published on prediction-results",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PredictionResult.class)))
    @APIResponse(responseCode = "404", description = "no prediction for this headset yet", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public PredictionResult latest(@PathParam("headsetId") String headsetId) {
        return latest.get(headsetId).orElseThrow(() -> new NotFoundException("no prediction for headset " + headsetId));
    }
}
