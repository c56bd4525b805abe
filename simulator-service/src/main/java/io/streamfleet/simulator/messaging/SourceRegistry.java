package io.streamfleet.simulator.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.streamfleet.simulator.config.SimulatorConfig;

/**
 * Every simulated source (beans extending {@link PacedSource} and the members of every {@link SourceGroup}) by
 * stream name, paced by one dedicated thread (never a Vert.x event loop: pacing must not
 * stall HTTP, and HTTP must not stall pacing).
 */
@ApplicationScoped
public class SourceRegistry {

    private static final Logger LOG = Logger.getLogger(SourceRegistry.class);

    private final Map<String, PacedSource> sources;
    private final SimulatorConfig config;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulator-pacer");
        thread.setDaemon(true);
        return thread;
    });

    public SourceRegistry(@All List<PacedSource> beans, @All List<SourceGroup> groups, SimulatorConfig config) {
        List<PacedSource> sources = new ArrayList<>(beans);
        groups.forEach(group -> sources.addAll(group.sources()));
        this.sources = sources.stream().collect(Collectors.toMap(PacedSource::stream, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two sources named " + a.stream());
                }, TreeMap::new));
        this.config = config;
    }

    void onStart(@Observes StartupEvent ignored) {
        long tickMillis = Math.max(1, config.tick().toMillis());
        pacer.scheduleAtFixedRate(this::tickAll, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        sources.values().stream().filter(PacedSource::autostart).forEach(PacedSource::start);
    }

    private void tickAll() {
        long now = System.nanoTime();
        for (PacedSource source : sources.values()) {
            try {
                source.tick(now);
            } catch (RuntimeException e) {
                // one misbehaving source must not cancel the schedule for all of them
                LOG.errorf(e, "source %s failed on tick", source.stream());
            }
        }
    }

    public List<PacedSource> all() {
        return List.copyOf(sources.values());
    }

    public Optional<PacedSource> find(String stream) {
        return Optional.ofNullable(sources.get(stream));
    }

    @PreDestroy
    void shutdown() {
        sources.values().forEach(PacedSource::stop);
        pacer.shutdownNow();
    }
}
