package io.streamfleet.eeg.rest;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamfleet.eeg.config.EegConfig;
import io.streamfleet.eeg.domain.EegFrame;
import io.streamfleet.eeg.domain.EegFrameValidator;
import io.streamfleet.eeg.domain.InvalidFieldException;
import io.streamfleet.eeg.messaging.EegFramesPublisher;

/** The HTTP gateway for headsets (or their bridges) that cannot speak Kafka. */
@Path("/eeg/{headsetId}/frames")
@Produces(MediaType.APPLICATION_JSON)
public class EegFrameResource {

    /** Command names as the simulator writes them (FORWARD, ROTATE_CW, ...). */
    private static final Pattern INTENT = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final EegFrameValidator validator;
    private final EegFramesPublisher publisher;
    private final Duration publishTimeout;
    private final long maxBodyBytes;
    private final Counter acceptedFrames;
    private final Counter rejectedRequests;

    public EegFrameResource(EegFrameValidator validator, EegFramesPublisher publisher, EegConfig config,
            MeterRegistry registry) {
        this.validator = validator;
        this.publisher = publisher;
        this.publishTimeout = config.gateway().publishTimeout();
        this.maxBodyBytes = config.gateway().maxBodySize().asLongValue();
        this.acceptedFrames = registry.counter("streamfleet_eeg_gateway_frames", "outcome", "accepted");
        this.rejectedRequests = registry.counter("streamfleet_eeg_gateway_requests", "outcome", "rejected");
    }

    @POST
    @RolesAllowed({ "ingest", "operator" })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest EEG frames of one headset",
            description = "Validates one frame object or an array of frames and publishes each frame to the frame "
                    + "topic (key: headsetId). 202 means the broker has every frame durably (acks=all). Resending "
                    + "frames after a 503 is safe: the processor ignores a seq it has already seen.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EegFrame.class),
            example = "{\"headsetId\":\"h1\",\"seq\":42,\"sampleRateHz\":250,\"channels\":[\"C3\",\"C4\"],"
                    + "\"firstSampleAt\":1713763500000,\"samples\":[[12.5,-3.1],[11.9,-2.7]]}"))
    @APIResponse(responseCode = "202", description = "every frame acknowledged by the broker", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FramesAccepted.class)))
    @APIResponse(responseCode = "400", description = "the body breaks the frame contract; the JSON error names the "
            + "field, e.g. samples[3] or [2].seq in a batch", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "401", description = "no credentials: HTTP Basic as user ingest (or operator)")
    @APIResponse(responseCode = "403", description = "the user has neither the ingest nor the operator role")
    @APIResponse(responseCode = "503", description = "the broker did not acknowledge in time; resend the frames")
    public Uni<Response> ingest(@PathParam("headsetId") String headsetId,
            @Parameter(description = "the scripted intended command, for evaluation and training only")
            @HeaderParam("intent") String intent,
            byte[] body) {
        List<EegFrame> frames;
        try {
            frames = validate(headsetId, intent, body);
        } catch (InvalidFieldException e) {
            rejectedRequests.increment();
            throw e;
        }
        FramesAccepted accepted = new FramesAccepted(headsetId, frames.size(), frames.get(0).seq(),
                frames.get(frames.size() - 1).seq());
        return publisher.publish(frames, intent)
                .onFailure().transform(failure -> new ServiceUnavailableException(
                        "the frame topic did not take the frames: " + failure.getMessage()))
                .ifNoItem().after(publishTimeout).failWith(() -> new ServiceUnavailableException(
                        "the frame topic did not acknowledge within " + publishTimeout.toMillis() + " ms"))
                .invoke(() -> acceptedFrames.increment(frames.size()))
                .map(ignored -> Response.accepted(accepted).build());
    }

    private List<EegFrame> validate(String headsetId, String intent, byte[] body) {
        if (body != null && body.length > maxBodyBytes) {
            throw new InvalidFieldException("body", "has " + body.length + " bytes; at most " + maxBodyBytes
                    + " are accepted per request");
        }
        if (intent != null && !INTENT.matcher(intent).matches()) {
            throw new InvalidFieldException("intent", "must be a command name such as FORWARD");
        }
        return validator.parseRequest(body, headsetId);
    }
}
