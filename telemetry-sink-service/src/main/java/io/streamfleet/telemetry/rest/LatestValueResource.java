package io.streamfleet.telemetry.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The newest reading of each source, by device time, as the dashboards read it. */
@Path("/")
public class LatestValueResource {

    private final LatestValueResponses responses;

    public LatestValueResource(LatestValueResponses responses) {
        this.responses = responses;
    }

    @GET
    @Path("/streams/images/{stream}/latest")
    @Produces({ "image/jpeg", MediaType.APPLICATION_JSON })
    @Operation(summary = "The newest frame of a wearable camera stream",
            description = "The JPEG bytes; X-Captured-At (ISO-8601 UTC), X-Captured-At-Nanos, X-Image-Width, "
                    + "X-Image-Height and X-Device-Id describe it.")
    @APIResponse(responseCode = "200", description = "the frame", content = @Content(mediaType = "image/jpeg"))
    @APIResponse(responseCode = "404", description = "unknown or non-camera stream, or no frame yet", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response image(@PathParam("stream") String stream) {
        return responses.image(stream);
    }

    @GET
    @Path("/streams/sensors/{stream}/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest sample of a wearable sensor stream",
            description = "The sample as its record carried it: {deviceId, stream, capturedAtNanos, values}; for the "
                    + "microphone, the chunk's levels (values.audio_rms, values.audio_peak, 0..1 of full scale).")
    @APIResponse(responseCode = "404", description = "unknown or camera stream, or no sample yet", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response streamSample(@PathParam("stream") String stream) {
        return responses.streamSample(stream);
    }

    @GET
    @Path("/satellites/{satelliteId}/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A satellite's newest telemetry record, as it was sent")
    @APIResponse(responseCode = "404", description = "no telemetry from this satellite", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response satellite(@PathParam("satelliteId") String satelliteId) {
        return responses.satellite(satelliteId);
    }

    @GET
    @Path("/sensors/{sensorId}/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A sensor's newest reading, as it was sent")
    @APIResponse(responseCode = "404", description = "no reading from this sensor", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response sensor(@PathParam("sensorId") String sensorId) {
        return responses.sensor(sensorId);
    }
}
