package io.streamfleet.eeg.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamfleet.eeg.config.EegConfig;
import io.streamfleet.eeg.domain.EegFeatures;
import io.streamfleet.eeg.domain.EegFrame;
import io.streamfleet.eeg.domain.EegFrameValidator;
import io.streamfleet.eeg.domain.FeatureExtractor;
import io.streamfleet.eeg.domain.FrameFreshness;
import io.streamfleet.eeg.domain.FrameOrigin;
import io.streamfleet.eeg.domain.HeadsetDirectory;
import io.streamfleet.eeg.domain.HeadsetWindow;
import io.streamfleet.eeg.domain.HeadsetWindows;
import io.streamfleet.eeg.domain.InvalidFieldException;
import io.streamfleet.eeg.domain.SignalQuality;
import io.streamfleet.eeg.domain.WindowSnapshot;

/**
 * Frame topic -> windows -> features topic, one record at a time as it arrives (no batching: latency is the point).
 * A frame is validated by the same validator as the HTTP gateway; one that fails, or whose key is not its headset,
 * is parked on the dead-letter topic and the consumer carries on. A valid frame goes into its headset's window; each
 * window it completes is turned into features and published at once, unless the frame is not fresh
 * ({@link FrameFreshness}: produced longer than {@code max-frame-age} ago, or future-dated beyond {@code clock-skew}).
 * Such a frame still fills its headset's window, but the windows it completes are counted, not extracted or
 * published, so a backlog after a stall is crossed cheaply and never replayed downstream.
 * <p>
 * Acknowledgement: the frame is acknowledged (its offset becomes committable) when everything it caused is
 * acknowledged by the broker: its features records or its dead letter. The next frame does not wait for features,
 * so a broker round trip never stalls processing; the throttled commit strategy commits only below the oldest
 * unacknowledged frame, so nothing is skipped on a restart (windows may be published twice: at-least-once).
 */
@ApplicationScoped
public class EegFramesConsumer {

    private static final Logger LOG = Logger.getLogger(EegFramesConsumer.class);
    private static final long IDLE_SWEEP_EVERY_MS = 10_000;

    private final EegFrameValidator validator;
    private final HeadsetWindows windows;
    private final FeatureExtractor extractor;
    private final HeadsetDirectory directory;
    private final EegFeaturesPublisher features;
    private final EegFrameDeadLetters deadLetters;
    private final FrameFreshness freshness;
    private final long idleTimeoutMs;
    private final Clock clock = Clock.systemUTC();
    private long lastIdleSweep;

    private final Counter processed;
    private final Counter replayed;
    private final Counter deadLettered;
    private final Counter windowsPublished;
    private final Counter droppedFrames;
    private final Counter gapFlags;
    private final Counter railingFlags;
    private final Counter flatFlags;
    private final Map<FrameFreshness.Verdict, Counter> skippedFrames = new EnumMap<>(FrameFreshness.Verdict.class);
    private final Map<FrameFreshness.Verdict, Counter> skippedWindows = new EnumMap<>(FrameFreshness.Verdict.class);
    private final MeterRegistry registry;

    public EegFramesConsumer(EegFrameValidator validator, HeadsetWindows windows, FeatureExtractor extractor,
            HeadsetDirectory directory, EegFeaturesPublisher features, EegFrameDeadLetters deadLetters,
            FrameFreshness freshness, EegConfig config, MeterRegistry registry) {
        this.validator = validator;
        this.windows = windows;
        this.extractor = extractor;
        this.directory = directory;
        this.features = features;
        this.deadLetters = deadLetters;
        this.freshness = freshness;
        this.idleTimeoutMs = config.headsets().idleTimeout().toMillis();
        this.registry = registry;
        this.processed = registry.counter("streamfleet_eeg_frames", "outcome", "processed");
        this.replayed = registry.counter("streamfleet_eeg_frames", "outcome", "replayed");
        this.deadLettered = registry.counter("streamfleet_eeg_frames", "outcome", "dead_lettered");
        this.windowsPublished = registry.counter("streamfleet_eeg_windows");
        this.droppedFrames = registry.counter("streamfleet_eeg_dropped_frames");
        this.gapFlags = registry.counter("streamfleet_eeg_quality_flags", "flag", "dropped_frames");
        this.railingFlags = registry.counter("streamfleet_eeg_quality_flags", "flag", "railing");
        this.flatFlags = registry.counter("streamfleet_eeg_quality_flags", "flag", "flat");
        for (FrameFreshness.Verdict reason : List.of(FrameFreshness.Verdict.STALE, FrameFreshness.Verdict.FUTURE)) {
            String tag = reason.name().toLowerCase();
            skippedFrames.put(reason, registry.counter("streamfleet_eeg_frames_skipped", "reason", tag));
            skippedWindows.put(reason, registry.counter("streamfleet_eeg_windows_skipped", "reason", tag));
        }
    }

    @Incoming("eeg-frames")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        long now = clock.millis();
        sweepIdleHeadsets(now);
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
        EegFrame frame;
        try {
            frame = validator.parseRecord(record.getPayload());
            if (!frame.headsetId().equals(record.getKey())) {
                throw new InvalidFieldException("key", "must be the frame's headsetId \"" + frame.headsetId()
                        + "\" (frames of a headset share one partition), not \"" + record.getKey() + "\"");
            }
        } catch (InvalidFieldException e) {
            LOG.warnf("frame record %s-%d@%d goes to the dead-letter topic: %s", record.getTopic(),
                    record.getPartition(), offset, e.getMessage());
            return park(record, offset, e);
        }
        List<Uni<Void>> sends;
        try {
            sends = process(record, frame, now);
        } catch (RuntimeException e) {
            // a bug, not the record's fault; parked with the cause so it is visible, and the headsets keep flowing
            LOG.errorf(e, "could not process frame record %s-%d@%d", record.getTopic(), record.getPartition(), offset);
            return park(record, offset, e);
        }
        ackWhenAcknowledged(record, sends);
        return Uni.createFrom().voidItem();
    }

    private List<Uni<Void>> process(KafkaRecord<String, byte[]> record, EegFrame frame, long now) {
        long producedAt = producedAt(record);
        FrameOrigin origin = new FrameOrigin(producedAt, EegHeaders.text(record.getHeaders(), EegHeaders.INTENT));
        FrameFreshness.Verdict verdict = freshness.judge(producedAt, now);
        boolean fresh = verdict == FrameFreshness.Verdict.FRESH;
        HeadsetWindow.Accepted accepted = windows.accept(record.getPartition(), frame, origin, now, fresh);
        if (accepted.replay()) {
            replayed.increment();
            return List.of();
        }
        processed.increment();
        if (!fresh) {
            skippedFrames.get(verdict).increment();
            skippedWindows.get(verdict).increment(accepted.skippedWindows());
        }
        if (directory.frameReceived(frame, now, verdict, accepted.skippedWindows())) {
            if (fresh) {
                LOG.infof("headset %s: frames fresh again, publishing windows", frame.headsetId());
            } else {
                LOG.warnf("headset %s: frame seq %d is %s (producedAt %d, consumed at %d); publishing no windows "
                        + "until frames are fresh again", frame.headsetId(), frame.seq(), verdict.name().toLowerCase(),
                        producedAt, now);
            }
        }
        if (accepted.reset() != null) {
            registry.counter("streamfleet_eeg_window_resets", "reason", accepted.reset().name().toLowerCase())
                    .increment();
        }
        droppedFrames.increment(accepted.newlyDroppedFrames());
        List<Uni<Void>> sends = new ArrayList<>(accepted.windows().size());
        for (WindowSnapshot window : accepted.windows()) {
            EegFeatures extracted = extractor.extract(window);
            count(extracted.quality());
            sends.add(features.publish(extracted, window.newestFrame()));
            directory.featuresPublished(extracted);
        }
        return sends;
    }

    /**
     * When the frame was produced: its {@code producedAt} header, else the record's timestamp (set by every Kafka 4
     * producer; a record without one, -1, is judged stale rather than trusted).
     */
    private static long producedAt(KafkaRecord<String, byte[]> record) {
        Long header = EegHeaders.millis(record.getHeaders(), EegHeaders.PRODUCED_AT);
        if (header != null) {
            return header;
        }
        Instant timestamp = record.getTimestamp();
        return timestamp == null ? -1 : timestamp.toEpochMilli();
    }

    private void count(SignalQuality quality) {
        windowsPublished.increment();
        if (quality.droppedFrames() > 0) {
            gapFlags.increment();
        }
        if (!quality.railingChannels().isEmpty()) {
            railingFlags.increment();
        }
        if (!quality.flatChannels().isEmpty()) {
            flatFlags.increment();
        }
    }

    /**
     * Unlike features, a dead letter holds up the next frame until the broker has it: poison is rare, and waiting
     * bounds how many dead letters can be in flight when a producer floods the topic with it.
     */
    private Uni<Void> park(KafkaRecord<String, byte[]> record, long offset, Exception reason) {
        deadLettered.increment();
        return deadLetters.park(record, offset, reason)
                .onItem().transformToUni(ignored -> Uni.createFrom().completionStage(record.ack()))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(record.nack(failure)));
    }

    private static void ackWhenAcknowledged(KafkaRecord<String, byte[]> record, List<Uni<Void>> sends) {
        if (sends.isEmpty()) {
            record.ack();
            return;
        }
        Uni.join().all(sends).andCollectFailures().subscribe().with(
                ignored -> record.ack(),
                failure -> {
                    LOG.errorf(failure, "the broker did not take what frame record %s-%d caused", record.getTopic(),
                            record.getPartition());
                    record.nack(failure);
                });
    }

    private void sweepIdleHeadsets(long now) {
        if (now - lastIdleSweep < IDLE_SWEEP_EVERY_MS) {
            return;
        }
        lastIdleSweep = now;
        int dropped = windows.dropIdle(now - idleTimeoutMs);
        directory.dropIdle(now - idleTimeoutMs);
        if (dropped > 0) {
            LOG.infof("forgot %d headsets idle for %d ms", dropped, idleTimeoutMs);
        }
    }
}
