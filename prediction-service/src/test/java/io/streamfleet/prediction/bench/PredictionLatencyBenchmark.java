package io.streamfleet.prediction.bench;

import static io.streamfleet.prediction.Pipeline.uniqueHeadset;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.prediction.PredictionInfrastructure;
import io.streamfleet.prediction.domain.Command;
import io.streamfleet.prediction.domain.SyntheticBandPowers;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/**
 * Latency of one stage of the EEG pipeline: features produced -> prediction consumed, at a steady window rate like a
 * few headsets would send (real broker, built-in model). Prints percentiles of the service's own timer (features
 * producedAt -> prediction handed to the producer) and of what a downstream consumer sees; asserts only that every
 * window was predicted. Not part of {@code ./mvnw verify}; run it with:
 * <pre>./mvnw -pl prediction-service -am verify -Dtest=PredictionLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@QuarkusTest
@TestProfile(PredictionInfrastructure.class)
class PredictionLatencyBenchmark {

    private static final int WINDOWS = Integer.getInteger("bench.windows", 3_000);
    private static final int PER_SECOND = Integer.getInteger("bench.rate", 200);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    @Test
    void featuresToPredictionLatency() {
        SyntheticBandPowers generator = new SyntheticBandPowers(SyntheticBandPowers.PATTERN_SEED, 0.25, 21);
        List<String> headsets = List.of(uniqueHeadset("bench-a"), uniqueHeadset("bench-b"), uniqueHeadset("bench-c"));
        List<String> values = new ArrayList<>(WINDOWS);
        for (int i = 0; i < WINDOWS; i++) {
            values.add(SyntheticBandPowers.json(generator.window(Command.values()[i % Command.values().length],
                    headsets.get(i % headsets.size()), 1_713_763_500_000L + i * 250L)));
        }
        // arrival time per prediction, taken as the downstream consumer receives it
        List<Long> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConsumerTask<String, String> predictions = companion.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.LATEST)
                .fromTopics(PredictionInfrastructure.PREDICTIONS_TOPIC, records -> records
                        .select().where(r -> headsets.contains(r.key()))
                        .invoke(r -> latencies.add(System.currentTimeMillis() - Long.parseLong(new String(
                                r.headers().lastHeader("originProducedAt").value(), StandardCharsets.UTF_8)))));
        warmUp(generator);
        Timer timer = registry.find("streamfleet_prediction_latency").timer();
        long countBefore = timer.count();
        CountAtBucket[] bucketsBefore = timer.takeSnapshot().histogramCounts();

        long intervalNanos = 1_000_000_000L / PER_SECOND;
        // one producer, as eeg-ingest has: the companion's produce() opens a producer per call, far too slow to pace
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, companion.getBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < WINDOWS; i++) {
                // paced, not bursted: the latency of a steady stream is the figure, not the time to drain a backlog
                LockSupport.parkNanos(start + i * intervalNanos - System.nanoTime());
                byte[] now = Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
                RecordHeaders headers = new RecordHeaders();
                headers.add("producedAt", now).add("originProducedAt", now);
                producer.send(new ProducerRecord<>(PredictionInfrastructure.FEATURES_TOPIC, null,
                        headsets.get(i % headsets.size()), values.get(i), headers));
            }
        }
        assertEquals(WINDOWS, predictions.awaitRecords(WINDOWS, Duration.ofMinutes(2)).getRecords().size());

        TimeUnit ms = TimeUnit.MILLISECONDS;
        System.out.printf("%n%d windows at %d/s through prediction-service (built-in model, real broker)%n", WINDOWS,
                PER_SECOND);
        long measured = timer.count() - countBefore;
        System.out.printf("service timer, features producedAt -> prediction handed to the producer (%d samples), "
                + "share within:%n", measured);
        CountAtBucket[] bucketsAfter = timer.takeSnapshot().histogramCounts();
        for (int b = 0; b < bucketsAfter.length; b++) {
            if (bucketsAfter[b].bucket(ms) <= 30) {
                System.out.printf("  <= %6.2f ms: %5.1f %%%n", bucketsAfter[b].bucket(ms),
                        100 * (bucketsAfter[b].count() - bucketsBefore[b].count()) / measured);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("features produced -> prediction received by a downstream consumer: p50 %d ms, p90 %d ms, "
                + "p99 %d ms, max %d ms%n", percentile(sorted, 0.50), percentile(sorted, 0.90),
                percentile(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** A few hundred windows first, so the figures are of a warm JVM (and the service's meters exist). */
    private void warmUp(SyntheticBandPowers generator) {
        String headset = uniqueHeadset("bench-warm-up");
        List<ProducerRecord<String, String>> windows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            windows.add(new ProducerRecord<>(PredictionInfrastructure.FEATURES_TOPIC, headset,
                    SyntheticBandPowers.json(generator.window(Command.UP, headset, 1_713_763_000_000L + i * 250L))));
        }
        companion.produceStrings().fromRecords(windows).awaitCompletion(Duration.ofMinutes(1));
        companion.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(PredictionInfrastructure.PREDICTIONS_TOPIC, records -> records.select()
                        .where(r -> headset.equals(r.key())))
                .awaitRecords(300, Duration.ofMinutes(2));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
