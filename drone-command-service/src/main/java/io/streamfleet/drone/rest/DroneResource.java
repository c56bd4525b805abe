package io.streamfleet.drone.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.jboss.logging.Logger;

import io.streamfleet.drone.config.DroneConfig;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.Fleet;
import io.streamfleet.drone.domain.OperatorCommand;
import io.streamfleet.drone.messaging.CommandDispatcher;
import io.streamfleet.drone.messaging.TelloLink;

@Path("/drones")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "operator", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "HTTP Basic; the user needs the operator role")
public class DroneResource {

    private static final Logger LOG = Logger.getLogger(DroneResource.class);

    private final Fleet fleet;
    private final DroneConfig config;
    private final CommandDispatcher dispatcher;
    private final TelloLink link;

    public DroneResource(Fleet fleet, DroneConfig config, CommandDispatcher dispatcher, TelloLink link) {
        this.fleet = fleet;
        this.config = config;
        this.dispatcher = dispatcher;
        this.link = link;
    }

    @GET
    @Operation(summary = "Every configured drone with its state, telemetry and last command")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DroneView.class, type = SchemaType.ARRAY)))
    public List<DroneView> drones() {
        return fleet.drones().stream().map(this::view).toList();
    }

    @GET
    @Path("/{droneId}")
    @Operation(summary = "One drone: flight state, battery, height, temperature, last command and last answer")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DroneView.class)))
    @APIResponse(responseCode = "404", description = "no such drone is configured", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public DroneView drone(@PathParam("droneId") String droneId) {
        return view(find(droneId));
    }

    @POST
    @Path("/{droneId}/takeoff")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "operator")
    @Operation(summary = "Take off", description = "Only from LANDED (not after an emergency stop: land first to "
            + "re-arm). Sent to the drone at once and recorded on drone-commands.")
    @APIResponse(responseCode = "202", description = "sent; the body is the recorded command", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DroneCommand.class)))
    @APIResponse(responseCode = "409", description = "refused in the drone's state; the body is the recorded refusal",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DroneCommand.class)))
    @APIResponse(responseCode = "401", description = "no credentials")
    @APIResponse(responseCode = "403", description = "the user lacks the operator role")
    @APIResponse(responseCode = "404", description = "no such drone is configured", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response takeoff(@PathParam("droneId") String droneId) {
        return order(droneId, OperatorCommand.TAKEOFF);
    }

    @POST
    @Path("/{droneId}/land")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "operator")
    @Operation(summary = "Land", description = "Always sent, whatever the state and rate limit; drops commands queued "
            + "for the drone. After an emergency stop it re-arms the drone.")
    @APIResponse(responseCode = "202", description = "sent; the body is the recorded command", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DroneCommand.class)))
    @APIResponse(responseCode = "401", description = "no credentials")
    @APIResponse(responseCode = "403", description = "the user lacks the operator role")
    @APIResponse(responseCode = "404", description = "no such drone is configured", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response land(@PathParam("droneId") String droneId) {
        return order(droneId, OperatorCommand.LAND);
    }

    @POST
    @Path("/{droneId}/emergency")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "operator")
    @Operation(summary = "Emergency stop: cut the motors now",
            description = "Fired to the drone at once (not through Kafka, never queued or retried), then recorded on "
                    + "drone-commands. Predictions cannot move the drone again until an operator lands it.")
    @APIResponse(responseCode = "202", description = "sent; the body is the recorded command", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DroneCommand.class)))
    @APIResponse(responseCode = "401", description = "no credentials")
    @APIResponse(responseCode = "403", description = "the user lacks the operator role")
    @APIResponse(responseCode = "404", description = "no such drone is configured", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Response emergency(@PathParam("droneId") String droneId) {
        return order(droneId, OperatorCommand.EMERGENCY);
    }

    private Response order(String droneId, OperatorCommand order) {
        Fleet.Drone drone = find(droneId);
        DroneCommand command = drone.policy().onOperator(order);
        // Answer once the drone has it; the audit record follows without holding the operator up.
        dispatcher.dispatchLocal(command).subscribe().with(ignored -> { },
                failure -> LOG.debugf("operator %s for %s not recorded: %s", order, droneId, failure.getMessage()));
        return Response.status(command.isSend() ? Response.Status.ACCEPTED : Response.Status.CONFLICT)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(command).build();
    }

    private Fleet.Drone find(String droneId) {
        return fleet.drone(droneId).orElseThrow(() -> new NotFoundException("no drone " + droneId + " is configured"));
    }

    private DroneView view(Fleet.Drone drone) {
        DroneConfig.Drone settings = config.drones().get(drone.droneId());
        DroneTelemetry telemetry = drone.telemetry();
        long stateAt = telemetry.stateAt();
        return new DroneView(drone.droneId(), settings.address(), settings.commandPort(), drone.headsetId(),
                link.links(drone.droneId()), drone.policy().state(), drone.policy().linkUp() ? "UP" : "DOWN",
                telemetry.batteryPercent().isPresent() ? telemetry.batteryPercent().getAsInt() : null,
                telemetry.heightCm().isPresent() ? telemetry.heightCm().getAsInt() : null,
                telemetry.temperatureC().isPresent() ? telemetry.temperatureC().getAsDouble() : null,
                stateAt == 0 ? null : stateAt, telemetry.lastCommand(), telemetry.lastAck());
    }
}
