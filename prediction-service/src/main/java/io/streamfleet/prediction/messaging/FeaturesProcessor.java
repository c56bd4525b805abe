package io.streamfleet.prediction.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.prediction.config.PredictionConfig;
import io.streamfleet.prediction.domain.BandPowerModel;
import io.streamfleet.prediction.domain.Command;
import io.streamfleet.prediction.domain.Decision;
import io.streamfleet.prediction.domain.DecisionPolicy;
import io.streamfleet.prediction.domain.EegFeatures;
import io.streamfleet.prediction.domain.FeaturesParser;
import io.streamfleet.prediction.domain.InvalidFieldException;
import io.streamfleet.prediction.domain.Reason;
import io.streamfleet.prediction.domain.WindowFreshness;
import io.streamfleet.prediction.inference.Classifier;
import io.streamfleet.prediction.store.LatestPredictions;

/**
 * {@code eeg-features} -> {@code prediction-results}, one record at a time, in partition order. A window is parsed,
 * checked against the built-in model's montage, classified by the configured backend and decided by the
 * {@link DecisionPolicy}; the prediction is handed to the producer at once and the features record is acknowledged
 * (its offset becomes committable) when the broker has acknowledged the prediction, so the next window does not wait
 * for that round trip. A record that cannot be predicted goes to the dead-letter topic with the reason.
 * <p>
 * Before anything is parsed, the window's age is read from its headers ({@code originProducedAt}, else
 * {@code producedAt}): a window whose EEG is older than the maximum age, or further in the future than the clock skew
 * allows, is acknowledged and counted but not predicted, so a backlog after a stall is jumped quickly instead of
 * being replayed to the drone. The time the age was taken from is published as the prediction's
 * {@code originProducedAt}; a window with neither header is predicted without one (downstream refuses it as of unknown
 * age).
 * <p>
 * The {@code intent} header is copied to the prediction for evaluation and never read here.
 */
@ApplicationScoped
public class FeaturesProcessor {

    private static final Logger LOG = Logger.getLogger(FeaturesProcessor.class);
    /** Read by {@code GET /models} as well. */
    public static final String SKIPPED_METRIC = "streamfleet_prediction_windows_skipped";
    private static final String PRODUCED_AT = "producedAt";
    private static final String ORIGIN_PRODUCED_AT = "originProducedAt";
    /** Passed on unchanged, for evaluation only (docs/contracts.md, "Record headers"). */
    private static final String INTENT = "intent";

    private final BandPowerModel builtIn;
    private final Classifier classifier;
    private final DecisionPolicy policy;
    private final FeatureDeadLetters deadLetters;
    private final LatestPredictions latest;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();
    private final Timer latency;
    private final Counter[][] predictions;
    private final Counter deadLettered;
    private final WindowFreshness freshness;
    private final Counter[] skipped;

    public FeaturesProcessor(BandPowerModel builtIn, Classifier classifier, PredictionConfig config,
            FeatureDeadLetters deadLetters, LatestPredictions latest, ObjectMapper mapper, MeterRegistry registry) {
        this.builtIn = builtIn;
        this.classifier = classifier;
        this.policy = new DecisionPolicy(config.confidenceThreshold());
        this.deadLetters = deadLetters;
        this.latest = latest;
        this.mapper = mapper;
        this.latency = Timer.builder("streamfleet_prediction_latency")
                .description("from the features record's producedAt to the prediction handed to the producer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.predictions = new Counter[Command.values().length][Reason.values().length];
        for (Command command : Command.values()) {
            for (Reason reason : Reason.values()) {
                predictions[command.ordinal()][reason.ordinal()] = Counter.builder("streamfleet_prediction_predictions")
                        .description("predictions published, by command and reason")
                        .tag("command", command.name()).tag("reason", reason.wireName()).register(registry);
            }
        }
        this.deadLettered = registry.counter("streamfleet_prediction_dead_lettered");
        this.freshness = new WindowFreshness(config.maxWindowAge(), config.clockSkew());
        this.skipped = new Counter[WindowFreshness.Verdict.values().length];
        for (WindowFreshness.Verdict verdict : WindowFreshness.Verdict.values()) {
            if (verdict != WindowFreshness.Verdict.FRESH) {
                skipped[verdict.ordinal()] = Counter.builder(SKIPPED_METRIC)
                        .description("features windows skipped unpredicted because their EEG was too old or ahead")
                        .tag("reason", verdict.wireName()).register(registry);
            }
        }
    }

    @Incoming("features")
    @Outgoing("predictions")
    public Uni<Message<byte[]>> predict(Message<byte[]> record) {
        Headers incoming = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders).orElseGet(RecordHeaders::new);
        Long origin = epochMillis(incoming, ORIGIN_PRODUCED_AT);
        if (origin == null) {
            origin = epochMillis(incoming, PRODUCED_AT);
        }
        if (origin != null) {
            WindowFreshness.Verdict verdict = freshness.judge(origin, clock.millis());
            if (verdict != WindowFreshness.Verdict.FRESH) {
                return skip(record, verdict, origin);
            }
        }
        Long windowOrigin = origin;
        EegFeatures features;
        double[] logBandPowers;
        try {
            features = FeaturesParser.parse(record.getPayload());
            logBandPowers = builtIn.logBandPowers(features);
        } catch (InvalidFieldException e) {
            return deadLetter(record, e);
        }
        if (!features.quality().ok()) {
            return Uni.createFrom().item(publish(record, incoming, windowOrigin, features,
                    policy.badSignal(builtIn.name(), builtIn.version())));
        }
        return classifier.classify(logBandPowers)
                .map(answer -> publish(record, incoming, windowOrigin, features,
                        policy.decide(answer.classification(), answer.source())))
                .onFailure().recoverWithUni(failure -> deadLetter(record,
                        failure instanceof Exception e ? e : new IllegalStateException(failure)));
    }

    private Message<byte[]> publish(Message<byte[]> record, Headers incoming, Long origin, EegFeatures features,
            Decision decision) {
        long now = clock.millis();
        PredictionResult result = PredictionResult.of(features.headsetId(), features.windowEnd(), decision, now);
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a prediction could not be written as JSON", e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(PRODUCED_AT, Long.toString(now).getBytes(StandardCharsets.UTF_8));
        if (origin != null) {
            headers.add(ORIGIN_PRODUCED_AT, Long.toString(origin).getBytes(StandardCharsets.UTF_8));
        }
        Header intent = incoming.lastHeader(INTENT);
        if (intent != null) {
            headers.add(INTENT, intent.value());
        }
        recordLatency(incoming.lastHeader(PRODUCED_AT), now);
        predictions[decision.command().ordinal()][decision.reason().ordinal()].increment();
        latest.put(result);
        return Message.of(value)
                .withAck(record::ack)
                .withNack(record::nack)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(features.headsetId()).withHeaders(headers).build());
    }

    private void recordLatency(Header producedAt, long now) {
        if (producedAt == null) {
            return;
        }
        try {
            long elapsed = now - Long.parseLong(new String(producedAt.value(), StandardCharsets.UTF_8).trim());
            // a negative figure is clock skew between hosts, not a latency
            if (elapsed >= 0) {
                latency.record(elapsed, TimeUnit.MILLISECONDS);
            }
        } catch (NumberFormatException e) {
            LOG.debugf("producedAt header is not epoch milliseconds: %s", e.getMessage());
        }
    }

    /** Acknowledges a window too old (or too far ahead) to act on, without parsing it or publishing anything. */
    private Uni<Message<byte[]>> skip(Message<byte[]> record, WindowFreshness.Verdict verdict, long origin) {
        skipped[verdict.ordinal()].increment();
        LOG.debugf("features window skipped as %s: its EEG was produced at %d, now is %d", verdict.wireName(), origin,
                clock.millis());
        return Uni.createFrom().completionStage(record.ack()).replaceWith((Message<byte[]>) null);
    }

    /** The header as epoch milliseconds, or null when it is missing or not a number. */
    private static Long epochMillis(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            LOG.debugf("%s header is not epoch milliseconds: %s", name, e.getMessage());
            return null;
        }
    }

    /** Parks the record (retrying while the dead-letter topic is unavailable), acknowledges it, publishes nothing. */
    private Uni<Message<byte[]>> deadLetter(Message<byte[]> record, Exception reason) {
        String origin = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
        LOG.warnf("features record %s goes to the dead-letter topic: %s", origin, reason.getMessage());
        return Uni.createFrom().deferred(() -> deadLetters.park(record, reason))
                .onFailure().invoke(failure -> LOG.warnf("could not park %s, retrying: %s", origin, failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(() -> deadLettered.increment())
                .chain(() -> Uni.createFrom().completionStage(record.ack()))
                .replaceWith((Message<byte[]>) null);
    }
}
