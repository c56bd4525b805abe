package io.streamfleet.telemetry.bench;

import static io.streamfleet.telemetry.TelemetryInfrastructure.SATELLITES;
import static io.streamfleet.telemetry.TelemetryRecords.satellite;
import static io.streamfleet.telemetry.TelemetryRecords.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.telemetry.TelemetryInfrastructure;
import io.streamfleet.telemetry.domain.InfluxLineProtocol;
import io.streamfleet.telemetry.domain.MetricPoint;
import io.streamfleet.telemetry.domain.TelemetryDecoder;
import io.streamfleet.testsupport.VictoriaMetricsResource;
import io.streamfleet.testsupport.VictoriaMetricsResource.InjectVictoriaMetrics;

/**
 * Samples per second written to VictoriaMetrics through the sink (satellite records produced to the real broker, time
 * until VictoriaMetrics acknowledged every sample), against the same VictoriaMetrics' direct bulk import of the same
 * samples (the same gzip-compressed Influx lines, prepared in advance, posted one request at a time), and that direct
 * import again with rendering and compression on the clock. Prints the rates and ratios; asserts only that every sample
 * arrived exactly once. Not part of {@code ./mvnw verify}; run it with:
 * <pre>./mvnw -pl telemetry-sink-service -am verify -Dtest=TelemetrySinkBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 * {@code -Dbench.records=N} changes the number of records (7 samples each).
 */
@QuarkusTest
@TestProfile(TelemetryInfrastructure.class)
class TelemetrySinkBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.records", 60_000);
    private static final int SATELLITE_COUNT = 60;
    private static final int SAMPLES_PER_RECORD = 7;
    /** Records per direct import request: the sink's max.poll.records on the satellite channel. */
    private static final int DIRECT_BATCH = 5000;
    private static final long T0 = 1_713_763_500_000L;

    @InjectVictoriaMetrics
    VictoriaMetricsResource victoriaMetrics;

    @Inject
    MeterRegistry registry;

    @Inject
    TelemetryDecoder decoder;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private double samplesWritten() {
        return registry.counter("streamfleet_telemetry_samples_written", "topic", SATELLITES).count();
    }

    /** Satellite records keyed by satellite id, one per satellite and second, with values that vary. */
    private static List<ProducerRecord<String, String>> records(String prefix) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            String satellite = prefix + "-" + (i % SATELLITE_COUNT);
            records.add(new ProducerRecord<>(SATELLITES, satellite, satellite(satellite,
                    T0 + (i / SATELLITE_COUNT) * 1000L, -20 + (i % 400) / 10.0, (i % 1800) / 10.0 - 90)));
        }
        return records;
    }

    private long storedSamples(String prefix) {
        return victoriaMetrics.exportSeries("{__name__=~\"satellite_.*\",satellite_id=~\"" + prefix + "-.*\"}").stream()
                .mapToLong(series -> series.samples().size()).sum();
    }

    @Test
    void samplesPerSecondThroughTheSinkAgainstDirectImport() throws Exception {
        warmUp();
        long samples = (long) RECORDS * SAMPLES_PER_RECORD;

        // A backlog first: with VictoriaMetrics stopped the sink holds its first poll and consumes nothing more, so
        // what is timed below is the sink draining the topic, not the producer filling it.
        String viaSink = unique("BENCH-SINK");
        double before = samplesWritten();
        victoriaMetrics.stop();
        try {
            long produceStart = System.nanoTime();
            produceFast(records(viaSink));
            System.out.printf("%nTelemetrySinkBenchmark: %d records produced in %.2f s%n", RECORDS,
                    (System.nanoTime() - produceStart) / 1e9);
        } finally {
            victoriaMetrics.start();
        }
        // The clock starts at the first write after the restart (the waiting poll retries with backoff, up to 1 s).
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1)).until(() -> samplesWritten() > before);
        long start = System.nanoTime();
        double atStart = samplesWritten();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> samplesWritten() - before >= samples);
        double sinkSeconds = (System.nanoTime() - start) / 1e9;
        double drained = before + samples - atStart;
        assertEquals(samples, storedSamples(viaSink), "every sample through the sink exactly once");

        String direct = unique("BENCH-DIRECT");
        List<byte[]> bodies = gzipBodies(points(direct));
        HttpClient http = HttpClient.newHttpClient();
        long directStart = System.nanoTime();
        post(http, bodies);
        double directSeconds = (System.nanoTime() - directStart) / 1e9;
        assertEquals(samples, storedSamples(direct), "every sample imported directly exactly once");

        // The same again with the client's share of the work on the clock: rendering and compressing the lines.
        String rendered = unique("BENCH-RENDERED");
        List<List<MetricPoint>> points = points(rendered);
        long renderedStart = System.nanoTime();
        post(http, gzipBodies(points));
        double renderedSeconds = (System.nanoTime() - renderedStart) / 1e9;
        assertEquals(samples, storedSamples(rendered), "every sample imported directly exactly once");

        double sinkRate = drained / sinkSeconds;
        double directRate = samples / directSeconds;
        double renderedRate = samples / renderedSeconds;
        System.out.printf("%nTelemetrySinkBenchmark: %d satellite records = %d samples%n"
                + "  through the sink (backlog on the topic -> VictoriaMetrics acknowledged): %.0f samples in %.2f s: "
                + "%.0f samples/s%n"
                + "  direct import (%d requests of %d records, gzip Influx lines prepared in advance): %.2f s: "
                + "%.0f samples/s%n"
                + "  direct import, rendering and gzip on the clock: %.2f s: %.0f samples/s%n"
                + "  sink / direct = %.0f%%, sink / direct with rendering = %.0f%%%n%n", RECORDS, samples, drained,
                sinkSeconds, sinkRate, bodies.size(), DIRECT_BATCH, directSeconds, directRate, renderedSeconds,
                renderedRate, 100 * sinkRate / directRate, 100 * sinkRate / renderedRate);
    }

    /** A plain producer with batching: the companion's sends one record at a time, far slower than the sink. */
    private void produceFast(List<ProducerRecord<String, String>> records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(1, TimeUnit.MINUTES);
            }
        }
    }

    /** The points the sink would write for the same records, in batches of the sink's poll size. */
    private List<List<MetricPoint>> points(String prefix) {
        List<List<MetricPoint>> batches = new ArrayList<>();
        List<MetricPoint> batch = new ArrayList<>(DIRECT_BATCH);
        for (ProducerRecord<String, String> record : records(prefix)) {
            batch.add(decoder.decode(SATELLITES, name -> null, record.value().getBytes(StandardCharsets.UTF_8)).point());
            if (batch.size() == DIRECT_BATCH) {
                batches.add(batch);
                batch = new ArrayList<>(DIRECT_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static List<byte[]> gzipBodies(List<List<MetricPoint>> batches) {
        return batches.stream().map(InfluxLineProtocol::gzip).toList();
    }

    private void post(HttpClient http, List<byte[]> bodies) throws Exception {
        URI write = URI.create(victoriaMetrics.url() + "/write?precision=ms");
        for (byte[] body : bodies) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(write).header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, response.statusCode(), response.body());
        }
    }

    /** JIT, connections and VictoriaMetrics' first partition: paid before either clock starts. */
    private void warmUp() throws Exception {
        String warm = unique("BENCH-WARM");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add(new ProducerRecord<>(SATELLITES, warm, satellite(warm + "-" + (i % 10), T0 + i, 1, 0)));
        }
        double before = samplesWritten();
        produceFast(records);
        await().atMost(Duration.ofMinutes(2)).until(() -> samplesWritten() - before >= 5000.0 * SAMPLES_PER_RECORD);
    }
}
