package io.streamfleet.simulator.messaging;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamfleet.simulator.domain.RatePacer;
import io.streamfleet.simulator.domain.SourceStatus;

/**
 * A simulated source that sends records to Kafka at a target rate, started and stopped by operators. Sending never
 * blocks the pacing thread: a record is handed to the producer and its acknowledgement counted when it comes; when
 * too many are still unacknowledged the source drops instead of queueing without bound.
 */
public abstract class PacedSource {

    private static final Logger LOG = Logger.getLogger(PacedSource.class);

    private final String stream;
    private final String topic;
    private final RatePacer pacer;
    private final int maxInFlight;
    private final boolean autostart;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Long lastSentAt;

    protected PacedSource(String stream, String topic, double ratePerSecond, boolean autostart, int maxInFlight,
            MeterRegistry registry) {
        this.stream = stream;
        this.topic = topic;
        this.pacer = new RatePacer(ratePerSecond);
        this.autostart = autostart;
        this.maxInFlight = maxInFlight;
        registerMetrics(registry);
    }

    /** Sends one record; the Uni completes when the broker has acknowledged it. */
    protected abstract Uni<Void> sendOne();

    public String stream() {
        return stream;
    }

    /** Whether the source starts sending as soon as the application is up. */
    public boolean autostart() {
        return autostart;
    }

    public void start() {
        if (running.compareAndSet(false, true)) {
            pacer.reset(System.nanoTime());
            LOG.infof("source %s started at %.2f records/s to %s", stream, pacer.rate(), topic);
        }
    }

    public void stop() {
        if (running.compareAndSet(true, false)) {
            LOG.infof("source %s stopped after %d records", stream, sent.get());
        }
    }

    public void setRate(double perSecond) {
        pacer.setRate(perSecond);
    }

    /** Called by the pacing thread on every tick. */
    void tick(long nowNanos) {
        if (!running.get()) {
            return;
        }
        int due = pacer.permits(nowNanos);
        for (int i = 0; i < due; i++) {
            if (inFlight() >= maxInFlight) {
                dropped.incrementAndGet();
                continue;
            }
            sent.incrementAndGet();
            lastSentAt = clock.millis();
            sendOne().subscribe().with(ok -> acknowledged.incrementAndGet(), failure -> {
                failed.incrementAndGet();
                LOG.debugf("source %s: send failed: %s", stream, failure.getMessage());
            });
        }
    }

    private long inFlight() {
        return sent.get() - acknowledged.get() - failed.get();
    }

    public SourceStatus status() {
        return new SourceStatus(stream, topic, running.get(), pacer.rate(), sent.get(), acknowledged.get(),
                failed.get(), dropped.get(), lastSentAt);
    }

    private void registerMetrics(MeterRegistry registry) {
        String name = "streamfleet_simulator_records";
        FunctionCounter.builder(name, sent, AtomicLong::get).tags("stream", stream, "outcome", "sent").register(registry);
        FunctionCounter.builder(name, acknowledged, AtomicLong::get).tags("stream", stream, "outcome", "acknowledged")
                .register(registry);
        FunctionCounter.builder(name, failed, AtomicLong::get).tags("stream", stream, "outcome", "failed")
                .register(registry);
        FunctionCounter.builder(name, dropped, AtomicLong::get).tags("stream", stream, "outcome", "dropped")
                .register(registry);
        Gauge.builder("streamfleet_simulator_target_rate", pacer, RatePacer::rate).tag("stream", stream)
                .baseUnit("records_per_second").register(registry);
        Gauge.builder("streamfleet_simulator_running", running, r -> r.get() ? 1 : 0).tag("stream", stream)
                .register(registry);
    }
}
