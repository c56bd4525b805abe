package io.streamfleet.simulator.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.burst.BurstLimits;
import io.streamfleet.simulator.domain.burst.CompressionPolicy;
import io.streamfleet.simulator.domain.burst.InFlightWindow;
import io.streamfleet.simulator.domain.burst.PriorityClass;
import io.streamfleet.simulator.domain.burst.PriorityOutbox;
import io.streamfleet.simulator.domain.burst.SourceKind;

/**
 * The one burst-protection mechanism every source goes through. Per source (inside {@link PacedSource}): sampling,
 * then a messages/s + bytes/s rate limit. Shared by all sources (here): a priority outbox bounded by count and bytes,
 * and one sender thread that moves records from it to the producers while the in-flight window has room. When Kafka is
 * slow the window stays full, the outbox fills and sheds images, then sensor samples, then telemetry; source threads
 * never wait. Compression is the producers' own (channel config), checked here to be lz4 or gzip.
 */
@Singleton
public class BurstProtection {

    private static final Logger LOG = Logger.getLogger(BurstProtection.class);
    private static final int SEND_BATCH = 256;

    /** A queued record and the source that sends it. */
    record Pending(PacedSource source, OutgoingRecord record) {
    }

    private final SimulatorConfig.Burst config;
    private final Config rawConfig;
    private final PriorityOutbox<Pending> outbox;
    private final InFlightWindow window;
    private final Thread sender;
    private volatile boolean stopped;

    public BurstProtection(SimulatorConfig config, Config rawConfig, MeterRegistry registry) {
        this.config = config.burst();
        this.rawConfig = rawConfig;
        this.outbox = new PriorityOutbox<>(config.burst().queueMaxRecords(), config.burst().queueMaxBytes());
        this.window = new InFlightWindow(config.maxInFlight(), config.burst().inFlightMaxBytes());
        registerMetrics(registry);
        this.sender = new Thread(this::sendLoop, "simulator-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** A source's limits: the defaults of its kind, overridden by {@code streamfleet.simulator.burst.streams."<stream>".*}. */
    public BurstLimits limitsFor(String stream, SourceKind kind) {
        Optional<SimulatorConfig.StreamLimits> override = Optional.ofNullable(config.streams().get(stream));
        double defaultSample = switch (kind) {
            case IMAGE -> config.sampleImages();
            case HIGH_RATE_SENSOR -> config.sampleHighRateSensors();
            default -> 1.0;
        };
        return new BurstLimits(
                override.flatMap(SimulatorConfig.StreamLimits::messagesPerSecond).orElse(config.messagesPerSecond()),
                override.flatMap(SimulatorConfig.StreamLimits::bytesPerSecond).orElse(config.bytesPerSecond()),
                override.flatMap(SimulatorConfig.StreamLimits::sample).orElse(defaultSample),
                override.flatMap(SimulatorConfig.StreamLimits::priority).orElse(kind.priority()));
    }

    /** The compression the channel's producer uses; refuses to start a source on a channel without lz4 or gzip. */
    public String compressionOf(String channel) {
        return CompressionPolicy.require(channel, rawConfig
                .getOptionalValue("mp.messaging.outgoing." + channel + ".compression.type", String.class).orElse(null));
    }

    /** Queues a record without waiting; false when the outbox is full of records at least as important. */
    boolean submit(PacedSource source, PriorityClass priority, OutgoingRecord record) {
        PriorityOutbox.Offer<Pending> offer = outbox.offer(
                new PriorityOutbox.Entry<>(source.stream(), priority, record.size(), new Pending(source, record)));
        for (PriorityOutbox.Entry<Pending> evicted : offer.evicted()) {
            evicted.payload().source().onEvicted(evicted.bytes());
        }
        return offer.accepted();
    }

    public int queuedRecords() {
        return outbox.records();
    }

    public long queuedBytes() {
        return outbox.bytes();
    }

    public int maxQueuedRecords() {
        return outbox.maxRecords();
    }

    public long maxQueuedBytes() {
        return outbox.maxBytes();
    }

    public int inFlightRecords() {
        return window.records();
    }

    private void sendLoop() {
        List<PriorityOutbox.Entry<Pending>> batch = new ArrayList<>(SEND_BATCH);
        while (!stopped) {
            try {
                if (!window.awaitRoom(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                batch.clear();
                outbox.drainTo(batch, Math.max(1, Math.min(SEND_BATCH, window.room())), Math.max(1, window.byteRoom()),
                        200, TimeUnit.MILLISECONDS);
                for (PriorityOutbox.Entry<Pending> entry : batch) {
                    int bytes = entry.bytes();
                    window.acquire(bytes);
                    entry.payload().source().dispatch(entry.payload().record(), bytes, () -> window.release(bytes));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the sender serves every source: one bad record must not stop it
                LOG.errorf(e, "sending a queued record failed");
            }
        }
    }

    private void registerMetrics(MeterRegistry registry) {
        Gauge.builder("streamfleet_simulator_outbox_records", outbox, PriorityOutbox::records)
                .description("records accepted by the burst protection and waiting for the producer")
                .register(registry);
        Gauge.builder("streamfleet_simulator_outbox_bytes", outbox, PriorityOutbox::bytes).baseUnit("bytes")
                .register(registry);
        Gauge.builder("streamfleet_simulator_outbox_max_records", outbox, PriorityOutbox::maxRecords).register(registry);
        Gauge.builder("streamfleet_simulator_outbox_max_bytes", outbox, PriorityOutbox::maxBytes).baseUnit("bytes")
                .register(registry);
        Gauge.builder("streamfleet_simulator_in_flight_records", window, InFlightWindow::records).register(registry);
        Gauge.builder("streamfleet_simulator_in_flight_bytes", window, InFlightWindow::bytes).baseUnit("bytes")
                .register(registry);
    }

    @PreDestroy
    void shutdown() {
        stopped = true;
        sender.interrupt();
    }
}
