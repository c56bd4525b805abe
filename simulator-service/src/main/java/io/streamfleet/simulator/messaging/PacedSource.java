package io.streamfleet.simulator.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.simulator.domain.RatePacer;
import io.streamfleet.simulator.domain.SourceStatus;
import io.streamfleet.simulator.domain.burst.BurstLimits;
import io.streamfleet.simulator.domain.burst.RateLimiter;
import io.streamfleet.simulator.domain.burst.RateMeter;
import io.streamfleet.simulator.domain.burst.Sampler;

/**
 * A simulated source: operators start and stop it and set its rate; on every pacer tick it produces the records that
 * are due with {@link #next(long)}, and each goes through the shared {@link BurstProtection}: sampled, rate limited
 * (messages/s and bytes/s), queued by priority, then sent by the sender thread. The pacing thread never waits on Kafka.
 * <p>
 * A new source is a subclass (a {@code @Singleton} bean, or a plain object listed by a {@link SourceGroup}) that passes
 * its {@link SourceSpec} and its channel's emitter to this constructor and implements {@link #next(long)}.
 */
public abstract class PacedSource {

    private static final Logger LOG = Logger.getLogger(PacedSource.class);

    private final SourceSpec spec;
    private final MutinyEmitter<byte[]> emitter;
    private final BurstProtection burst;
    private final BurstLimits limits;
    private final String compression;
    private final RatePacer pacer;
    private final Sampler sampler;
    private final RateLimiter limiter;
    private final RateMeter sentMeter = new RateMeter();
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean prepared = new AtomicBoolean();
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong sampledOut = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong queueFull = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // wall-clock anchor for capture times: device timestamps are spaced on the monotonic clock, told in epoch time
    private final long epochNanosAtAnchor = clock.millis() * 1_000_000L;
    private final long nanoTimeAtAnchor = System.nanoTime();
    private volatile long lastTickNanos;
    private volatile Long lastSentAt;

    protected PacedSource(SourceSpec spec, MutinyEmitter<byte[]> emitter, BurstProtection burst,
            MeterRegistry registry) {
        this.spec = spec;
        this.emitter = emitter;
        this.burst = burst;
        this.limits = burst.limitsFor(spec.stream(), spec.kind());
        this.compression = burst.compressionOf(spec.channel());
        this.pacer = new RatePacer(spec.ratePerSecond());
        this.sampler = new Sampler(limits.sampleFraction());
        this.limiter = new RateLimiter(limits.messagesPerSecond(), limits.bytesPerSecond());
        registerMetrics(registry);
    }

    /**
     * The source's next record, captured at {@code capturedAtEpochNanos} (spread evenly between ticks, so device
     * timestamps follow the rate). Called on the pacing thread: must be quick and must not block. Null means the
     * source produced nothing this turn (a simulated device losing a record).
     */
    protected abstract OutgoingRecord next(long capturedAtEpochNanos);

    /** Expensive one-off preparation (e.g. rendering camera frames), run on the caller's thread at the first start. */
    protected void prepare() {
    }

    public String stream() {
        return spec.stream();
    }

    public String topic() {
        return spec.topic();
    }

    public boolean autostart() {
        return spec.autostart();
    }

    public BurstLimits limits() {
        return limits;
    }

    public void start() {
        if (prepared.compareAndSet(false, true)) {
            prepare();
        }
        if (running.compareAndSet(false, true)) {
            long now = System.nanoTime();
            pacer.reset(now);
            lastTickNanos = now;
            LOG.infof("source %s started at %.2f records/s to %s", spec.stream(), pacer.rate(), spec.topic());
        }
    }

    public void stop() {
        if (running.compareAndSet(true, false)) {
            LOG.infof("source %s stopped after %d records generated, %d sent", spec.stream(), generated.get(),
                    sent.get());
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
        long previous = lastTickNanos;
        lastTickNanos = nowNanos;
        int due = pacer.permits(nowNanos);
        for (int i = 1; i <= due; i++) {
            long capturedNanoTime = previous + (nowNanos - previous) * i / due;
            OutgoingRecord record = next(epochNanosAtAnchor + (capturedNanoTime - nanoTimeAtAnchor));
            generated.incrementAndGet();
            if (record != null) {
                admit(record, nowNanos);
            }
        }
    }

    private void admit(OutgoingRecord record, long nowNanos) {
        if (!sampler.keep()) {
            sampledOut.incrementAndGet();
            return;
        }
        int size = record.size();
        if (!limiter.tryAcquire(size, nowNanos)) {
            rateLimited.incrementAndGet();
            return;
        }
        // counted before the offer: the sender may take the record before submit returns
        queued.incrementAndGet();
        queuedBytes.addAndGet(size);
        if (!burst.submit(this, limits.priority(), record)) {
            queued.decrementAndGet();
            queuedBytes.addAndGet(-size);
            queueFull.incrementAndGet();
        }
    }

    /** The sender took this source's record off the outbox: hand it to the producer; {@code done} frees the window. */
    void dispatch(OutgoingRecord record, int size, Runnable done) {
        queued.decrementAndGet();
        queuedBytes.addAndGet(-size);
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> header : record.headers().entrySet()) {
            headers.add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        long now = clock.millis();
        headers.add("producedAt", Long.toString(now).getBytes(StandardCharsets.UTF_8));
        sent.incrementAndGet();
        sentBytes.addAndGet(size);
        sentMeter.record(size, System.nanoTime());
        lastSentAt = now;
        // ack/nack on the message itself and fire-and-forget: no Uni per record on the hot path
        Message<byte[]> message = Message.of(record.value(), Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic()).withKey(record.key()).withHeaders(headers).build()),
                () -> {
                    acknowledged.incrementAndGet();
                    done.run();
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    failed.incrementAndGet();
                    done.run();
                    LOG.debugf("source %s: send failed: %s", spec.stream(), failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.sendMessageAndForget(message);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            done.run();
            LOG.debugf("source %s: the producer refused a record: %s", spec.stream(), e.getMessage());
        }
    }

    /** A record of this source queued earlier was pushed out of the outbox by a more important one. */
    void onEvicted(int size) {
        queued.decrementAndGet();
        queuedBytes.addAndGet(-size);
        evicted.incrementAndGet();
    }

    public SourceStatus status() {
        long now = System.nanoTime();
        long dropped = rateLimited.get() + queueFull.get() + evicted.get();
        return new SourceStatus(spec.stream(), spec.topic(), spec.kind().name(), limits.priority().name(),
                running.get() ? "running" : "stopped", running.get(), pacer.rate(),
                sentMeter.recordsPerSecond(now), sentMeter.bytesPerSecond(now), generated.get(), sampledOut.get(),
                sent.get(), acknowledged.get(), failed.get(), dropped,
                new SourceStatus.Drops(rateLimited.get(), queueFull.get(), evicted.get()), queued.get(),
                queuedBytes.get(), new SourceStatus.Limits(limits.messagesPerSecond(), limits.bytesPerSecond(),
                        limits.sampleFraction(), compression),
                lastSentAt);
    }

    private void registerMetrics(MeterRegistry registry) {
        String stream = spec.stream();
        String records = "streamfleet_simulator_records";
        counter(registry, records, generated, "outcome", "generated");
        counter(registry, records, sampledOut, "outcome", "sampled_out");
        counter(registry, records, sent, "outcome", "sent");
        counter(registry, records, acknowledged, "outcome", "acknowledged");
        counter(registry, records, failed, "outcome", "failed");
        String drops = "streamfleet_simulator_dropped";
        counter(registry, drops, rateLimited, "reason", "rate_limited");
        counter(registry, drops, queueFull, "reason", "queue_full");
        counter(registry, drops, evicted, "reason", "evicted");
        FunctionCounter.builder("streamfleet_simulator_sent_bytes", sentBytes, AtomicLong::get).tag("stream", stream)
                .baseUnit("bytes").register(registry);
        Gauge.builder("streamfleet_simulator_queue_records", queued, AtomicLong::get).tag("stream", stream)
                .register(registry);
        Gauge.builder("streamfleet_simulator_queue_bytes", queuedBytes, AtomicLong::get).tag("stream", stream)
                .baseUnit("bytes").register(registry);
        Gauge.builder("streamfleet_simulator_target_rate", pacer, RatePacer::rate).tag("stream", stream)
                .baseUnit("records_per_second").register(registry);
        Gauge.builder("streamfleet_simulator_actual_rate", sentMeter, m -> m.recordsPerSecond(System.nanoTime()))
                .tag("stream", stream).baseUnit("records_per_second").register(registry);
        Gauge.builder("streamfleet_simulator_running", running, r -> r.get() ? 1 : 0).tag("stream", stream)
                .register(registry);
        Gauge.builder("streamfleet_simulator_limit_messages_per_second", limits, BurstLimits::messagesPerSecond)
                .tag("stream", stream).register(registry);
        Gauge.builder("streamfleet_simulator_limit_bytes_per_second", limits, BurstLimits::bytesPerSecond)
                .tag("stream", stream).register(registry);
        Gauge.builder("streamfleet_simulator_sample_fraction", limits, BurstLimits::sampleFraction)
                .tags("stream", stream, "priority", limits.priority().name().toLowerCase(java.util.Locale.ROOT),
                        "compression", compression)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, AtomicLong value, String tag, String tagValue) {
        FunctionCounter.builder(name, value, AtomicLong::get).tags("stream", spec.stream(), tag, tagValue)
                .register(registry);
    }
}
