package io.streamfleet.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.streamfleet.testsupport.FakeTello;

/**
 * End-to-end latency of the EEG pipeline, each stage its own packaged service on one real broker: from the moment the
 * simulator hands a headset's frame to its producer ({@code producedAt}, carried on as {@code originProducedAt}) to
 * the moment drone-command has decided what to do with the prediction of the window that frame completed (the
 * decision record's timestamp on {@code drone-commands}). Every headset is paired with a drone, so every prediction
 * is decided. Prints p50/p99 and frames/s for 10 and 100 Cyton headsets in real time (250 Hz, 10 frames/s each).
 * Not part of {@code ./mvnw verify}; run it with:
 * <pre>./mvnw -pl pipeline-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EegPipelineBenchmark -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 */
class EegPipelineBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 15));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure-seconds", 30));

    @Test
    void endToEndLatencyFor10And100Headsets() throws Exception {
        try (LocalCluster cluster = new LocalCluster(); FakeTello tello = FakeTello.start()) {
            Map<String, String> drones = new HashMap<>();
            for (int i = 1; i <= 100; i++) {
                String key = "streamfleet.drone.drones.\"d" + i + "\"";
                drones.put(key + ".address", "127.0.0.1");
                drones.put(key + ".command-port", Integer.toString(tello.commandPort()));
                drones.put(key + ".headset", "h" + i);
                // decisions only: a hundred UDP links to one fake would measure the fake
                drones.put(key + ".linked", "false");
            }
            drones.put("streamfleet.drone.link.state-listen-address", "127.0.0.1");
            drones.put("streamfleet.drone.link.state-listen-port", Integer.toString(ServiceProcess.freePort()));
            List<ServiceProcess> stages = List.of(cluster.start("eeg-ingest-service", Map.of()),
                    cluster.start("prediction-service", Map.of()),
                    cluster.start("drone-command-service", Map.of(), drones));

            List<String> report = new ArrayList<>();
            for (int headsets : new int[] { 10, 100 }) {
                report.add(measure(cluster, headsets));
                report.addAll(stageTimers(stages));
            }
            System.out.println("EEG pipeline, frame produced -> drone decision (2 cores, every service a JVM process):");
            report.forEach(line -> System.out.println("  " + line));
        }
    }

    private static String measure(LocalCluster cluster, int headsets) {
        try (ServiceProcess simulator = cluster.startDetached("simulator-service", Map.of(
                "SIMULATOR_EEG_HEADSETS", Integer.toString(headsets),
                "SIMULATOR_EEG_MAX_RATE", "5000"))) {
            given().baseUri(simulator.url()).auth().preemptive().basic("operator", "operator")
                    .post("/streams/eeg/start").then().statusCode(200);
            // Warm-up and measuring periods are counted in frames the broker acknowledged (a Cyton headset in real
            // time sends 10 frames/s), so a slow start shifts them instead of shortening them.
            long framesPerSecond = headsets * 10L;
            awaitFrames(simulator, framesPerSecond * WARM_UP.toSeconds(), WARM_UP);
            long from = System.currentTimeMillis();
            long framesBefore = acknowledged(simulator);
            long framesAfter = awaitFrames(simulator, framesBefore + framesPerSecond * MEASURE.toSeconds(), MEASURE);
            long to = System.currentTimeMillis();
            given().baseUri(simulator.url()).auth().preemptive().basic("operator", "operator")
                    .post("/streams/eeg/stop").then().statusCode(200);

            List<Long> latencies = new ArrayList<>();
            for (ConsumerRecord<String, String> record : cluster.companion().consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Set.of("drone-commands"), Duration.ofSeconds(5)).awaitCompletion().getRecords()) {
                Header origin = record.headers().lastHeader("originProducedAt");
                if (origin == null) {
                    continue;
                }
                long originAt = Long.parseLong(new String(origin.value(), StandardCharsets.UTF_8));
                if (originAt >= from && originAt < to) {
                    latencies.add(record.timestamp() - originAt);
                }
            }
            Collections.sort(latencies);
            double seconds = (to - from) / 1000.0;
            return String.format("%3d headsets: %,7.0f frames/s, %,6d decisions, latency p50 %4d ms, p99 %4d ms, max %5d ms",
                    headsets, (framesAfter - framesBefore) / seconds, latencies.size(), percentile(latencies, 0.50),
                    percentile(latencies, 0.99), latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
        }
    }

    /**
     * Each stage's own latency timer, p50 and p99 from its Prometheus histogram buckets (cumulative since the service
     * started, so the second run includes the first), to show where the time goes.
     */
    private static List<String> stageTimers(List<ServiceProcess> stages) {
        List<String> lines = new ArrayList<>();
        Pattern bucket = Pattern.compile("(streamfleet_\\w*latency\\w*)_bucket\\{.*le=\"([^\"]+)\".*\\} ([0-9.E+]+)");
        for (ServiceProcess stage : stages) {
            String metrics = given().get(stage.url() + "/q/metrics").then().statusCode(200).extract().asString();
            Map<String, List<double[]>> buckets = new TreeMap<>();
            metrics.lines().map(bucket::matcher).filter(Matcher::matches).forEach(m -> buckets
                    .computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new double[] { m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3)) }));
            buckets.forEach((timer, counts) -> {
                counts.sort((a, b) -> Double.compare(a[0], b[0]));
                double total = counts.get(counts.size() - 1)[1];
                if (total > 0) {
                    lines.add(String.format("    %-22s %-52s p50 <= %s, p99 <= %s (%,.0f samples)", stage.module(), timer,
                            bound(counts, total * 0.50), bound(counts, total * 0.99), total));
                }
            });
        }
        return lines;
    }

    private static String bound(List<double[]> cumulative, double rank) {
        for (double[] bucket : cumulative) {
            if (bucket[1] >= rank) {
                return Double.isInfinite(bucket[0]) ? "inf" : String.format("%.0f ms", bucket[0] * 1000);
            }
        }
        return "inf";
    }

    /** Waits until the simulator's eeg stream has this many frames acknowledged; returns the count it saw. */
    private static long awaitFrames(ServiceProcess simulator, long frames, Duration nominal) {
        return await().atMost(nominal.multipliedBy(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> acknowledged(simulator), acknowledged -> acknowledged >= frames);
    }

    private static long acknowledged(ServiceProcess simulator) {
        return given().get(simulator.url() + "/streams/eeg").then().statusCode(200).extract().jsonPath()
                .getLong("acknowledged");
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
