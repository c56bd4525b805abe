package io.streamfleet.drone.messaging;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamfleet.drone.config.DroneConfig;
import io.streamfleet.drone.domain.Fleet;

/**
 * Runs every drone's watchdog and keepalive on the configured tick, on its own thread. Not {@code @Scheduled}: the
 * Quarkus scheduler cannot run more often than once a second, and a watchdog of 1.5 s needs a finer tick.
 */
@ApplicationScoped
public class PolicyTicker {

    private static final Logger LOG = Logger.getLogger(PolicyTicker.class);

    private final Fleet fleet;
    private final CommandDispatcher dispatcher;
    private final long tickMillis;
    private ScheduledExecutorService timer;

    public PolicyTicker(Fleet fleet, CommandDispatcher dispatcher, DroneConfig config) {
        this.fleet = fleet;
        this.dispatcher = dispatcher;
        this.tickMillis = config.tick().toMillis();
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drone-policy-tick");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void tick() {
        // A failure must not cancel the schedule: the watchdog has to keep running.
        try {
            for (Fleet.Drone drone : fleet.drones()) {
                drone.policy().onTick().ifPresent(command -> dispatcher.dispatchLocal(command).subscribe().with(
                        ignored -> { }, failure -> LOG.warnf("tick command for %s failed: %s", command.droneId(),
                                failure.getMessage())));
            }
        } catch (RuntimeException e) {
            LOG.error("drone policy tick failed", e);
        }
    }
}
