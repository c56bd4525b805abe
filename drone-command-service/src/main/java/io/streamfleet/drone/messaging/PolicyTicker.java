package io.streamfleet.drone.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.streamfleet.drone.domain.Fleet;

/** Runs every drone's watchdog and keepalive on the configured tick. */
@ApplicationScoped
public class PolicyTicker {

    private final Fleet fleet;
    private final CommandDispatcher dispatcher;

    public PolicyTicker(Fleet fleet, CommandDispatcher dispatcher) {
        this.fleet = fleet;
        this.dispatcher = dispatcher;
    }

    @Scheduled(every = "${streamfleet.drone.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (Fleet.Drone drone : fleet.drones()) {
            drone.policy().onTick().ifPresent(command -> dispatcher.dispatchLocal(command).subscribe().with(
                    ignored -> { }, failure -> { }));
        }
    }
}
