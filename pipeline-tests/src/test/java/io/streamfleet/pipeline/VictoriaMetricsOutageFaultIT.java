package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.streamfleet.testsupport.VictoriaMetricsResource;
import io.streamfleet.testsupport.VictoriaMetricsResource.Sample;
import io.streamfleet.testsupport.VictoriaMetricsResource.Series;

/**
 * VictoriaMetrics stopped under satellite telemetry load, then started again (same port, same data): every sample
 * the broker acknowledged must be in VictoriaMetrics afterwards. VictoriaMetrics runs here WITHOUT its deduplication
 * (production runs with {@code -dedup.minScrapeInterval=1ms}), so that a batch the sink wrote twice shows up as two
 * samples at the same millisecond and can be counted; with dedup on, such copies collapse into one, which is why they
 * are harmless there. The test still requires every copy to carry the same value, so dedup loses nothing.
 */
class VictoriaMetricsOutageFaultIT {

    private static final String TOPIC = "satellite-telemetry";
    private static final String GROUP = "telemetry-sink-service";
    private static final int SAMPLES_PER_SECOND = FaultOutcome.intProperty("faults.telemetry-per-second", 200);
    private static final int SATELLITES = 5;
    private static final Duration OUTAGE = FaultOutcome.durationProperty("faults.vm-outage", Duration.ofSeconds(15));
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private static LocalCluster cluster;
    private static VictoriaMetricsResource victoria;
    private static KafkaOffsets offsets;

    @BeforeAll
    static void startInfrastructure() {
        cluster = new LocalCluster();
        // later flags win: dedup off, so duplicates are visible (see the class comment)
        victoria = new VictoriaMetricsResource().withFlags("-dedup.minScrapeInterval=0s");
        victoria.start();
        offsets = new KafkaOffsets(cluster.bootstrap());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (offsets != null) {
            offsets.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (victoria != null) {
            victoria.stop();
        }
    }

    @Test
    void everyAcceptedSampleIsInVictoriaMetricsAfterItsOutage() throws InterruptedException {
        cluster.start("telemetry-sink-service", Map.of("VICTORIA_METRICS_URL", victoria.url()));
        try (SatelliteLoad load = new SatelliteLoad(cluster.bootstrap())) {
            load.start();
            await().atMost(DEADLINE).until(() -> stored().size() >= SAMPLES_PER_SECOND);

            // samples sent after this moment can only reach VictoriaMetrics after its restart
            long sentBeforeStop = load.lastTimestamp.get();
            victoria.stop();
            // the fault itself: VictoriaMetrics is down for this long
            TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
            victoria.start();
            long restoredAt = System.nanoTime();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> newestStoredTimestamp() > sentBeforeStop);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restoredAt);

            load.stop();
            await().atMost(DEADLINE).until(() -> offsets.caughtUp(GROUP, TOPIC));
            Set<String> accepted = load.accepted();
            Map<String, Integer> copies = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(VictoriaMetricsOutageFaultIT::copiesBySample, c -> c.keySet().containsAll(accepted));
            assertEquals(Set.of(), sameValueViolations(), "every copy of a sample carries the same value");
            System.out.printf("VictoriaMetrics down %d s; %d sent, %d failed%n", OUTAGE.toSeconds(), load.sent.get(),
                    load.failed.get());
            // duplicates are reported, not failed: with production's dedup they collapse (see the class comment)
            new FaultOutcome("VictoriaMetrics down " + OUTAGE.toSeconds() + " s", accepted, copies, recovery).report();
            assertTrue(victoria.isRunning());
        }
    }

    /** (satellite, millisecond) of every stored temperature sample, with how often it is stored. */
    private static Map<String, Integer> copiesBySample() {
        Map<String, Integer> copies = new HashMap<>();
        for (Series series : victoria.exportSeries("satellite_temperature")) {
            for (Sample sample : series.samples()) {
                copies.merge(series.labels().get("satellite_id") + "@" + sample.timestamp(), 1, Integer::sum);
            }
        }
        return copies;
    }

    private static Map<String, Integer> stored() {
        return copiesBySample();
    }

    private static long newestStoredTimestamp() {
        return victoria.exportSeries("satellite_temperature").stream().flatMap(series -> series.samples().stream())
                .mapToLong(Sample::timestamp).max().orElse(0);
    }

    /** Samples stored more than once with different values (a dedup would then have to pick one). */
    private static Set<String> sameValueViolations() {
        Map<String, Double> values = new HashMap<>();
        Set<String> violations = ConcurrentHashMap.newKeySet();
        for (Series series : victoria.exportSeries("satellite_temperature")) {
            for (Sample sample : series.samples()) {
                String key = series.labels().get("satellite_id") + "@" + sample.timestamp();
                Double earlier = values.putIfAbsent(key, sample.value());
                if (earlier != null && earlier != sample.value()) {
                    violations.add(key);
                }
            }
        }
        return violations;
    }

    /**
     * Satellite telemetry in today's JSON at a fixed rate; each record has its own millisecond, so (satellite,
     * timestamp) names one sample. Accepted = acknowledged by the broker (acks=all, idempotence).
     */
    private static final class SatelliteLoad implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong lastTimestamp = new AtomicLong();
        private final Thread sender = new Thread(this::sendLoop, "satellite-load");
        private volatile boolean stopped;

        SatelliteLoad(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                    new StringSerializer(), new StringSerializer());
            sender.setDaemon(true);
        }

        void start() {
            sender.start();
        }

        private void sendLoop() {
            long period = TimeUnit.SECONDS.toNanos(1) / SAMPLES_PER_SECOND;
            long base = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
            long next = System.nanoTime();
            for (long seq = 0; !stopped; seq++) {
                String satellite = "SAT-" + (seq % SATELLITES);
                long at = base + seq;
                String value = "{\"timestamp\":\"" + ISO_MICROS.format(Instant.ofEpochMilli(at))
                        + "\",\"satellite_id\":\"" + satellite + "\",\"metrics\":{\"temperature\":" + seq
                        + ",\"altitude\":449.95,\"velocity\":7.655,\"battery_voltage\":3.59,\"solar_power\":0.0},"
                        + "\"location\":{\"latitude\":0.2044,\"longitude\":-29.8243}}";
                String sample = satellite + "@" + at;
                sent.incrementAndGet();
                lastTimestamp.set(at);
                producer.send(new ProducerRecord<>(TOPIC, satellite, value), (metadata, exception) -> {
                    if (exception == null) {
                        accepted.add(sample);
                    } else {
                        failed.incrementAndGet();
                    }
                });
                // pacing, not synchronisation: a fixed rate whatever the pipeline does
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }

        void stop() {
            stopped = true;
            try {
                sender.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.flush();
        }

        Set<String> accepted() {
            return Set.copyOf(accepted);
        }

        @Override
        public void close() {
            stopped = true;
            producer.close(Duration.ofSeconds(30));
        }
    }
}
