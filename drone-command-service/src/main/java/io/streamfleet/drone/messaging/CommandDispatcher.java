package io.streamfleet.drone.messaging;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamfleet.drone.domain.DroneCommand;

/**
 * Where decisions go. Prediction-driven ones travel through {@code drone-commands} to the link. Local ones
 * (operator, watchdog, keepalive) go straight to the link as well, so a slow or unreachable Kafka can neither hold
 * back an emergency or a watchdog stop nor let the drone auto-land for want of a keepalive; their record on the
 * topic is the audit trail, and the link skips it.
 */
@ApplicationScoped
public class CommandDispatcher {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);

    private final TelloLink link;
    private final DroneCommandPublisher publisher;
    private final MeterRegistry registry;

    public CommandDispatcher(TelloLink link, DroneCommandPublisher publisher, MeterRegistry registry) {
        this.link = link;
        this.publisher = publisher;
        this.registry = registry;
    }

    /** Records a prediction's decision; the link sends it when it reads it back. */
    public Uni<Void> dispatchPredicted(DroneCommand command, OptionalLong originProducedAt) {
        count(command);
        return publisher.publish(command, originProducedAt);
    }

    /** Sends a local decision now (if this instance links the drone) and records it; the Uni is the record's ack. */
    public Uni<Void> dispatchLocal(DroneCommand command) {
        count(command);
        if (command.isSend() && !link.sendDirect(command)) {
            LOG.debugf("drone %s is linked elsewhere: %s goes through the topic", command.droneId(), command.sdk());
        }
        return publisher.publish(command, OptionalLong.empty())
                .onFailure().invoke(failure -> {
                    registry.counter("streamfleet_drone_decisions_unrecorded").increment();
                    LOG.errorf("decision %s (%s %s for %s) sent but not recorded on drone-commands: %s",
                            command.commandId(), command.action(), command.sdk(), command.droneId(),
                            failure.getMessage());
                });
    }

    private void count(DroneCommand command) {
        registry.counter("streamfleet_drone_decisions", "drone", command.droneId(), "action",
                command.action().name()).increment();
    }
}
