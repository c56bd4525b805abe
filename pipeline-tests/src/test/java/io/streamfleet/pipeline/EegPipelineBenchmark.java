package io.streamfleet.pipeline;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            cluster.start("drone-command-service", Map.of(), drones);
            cluster.start("prediction-service", Map.of());
            cluster.start("eeg-ingest-service", Map.of());

            List<String> report = new ArrayList<>();
            for (int headsets : new int[] { 10, 100 }) {
                report.add(measure(cluster, headsets));
            }
            System.out.println("EEG pipeline, frame produced -> drone decision (2 cores, every service a JVM process):");
            report.forEach(line -> System.out.println("  " + line));
        }
    }

    private static String measure(LocalCluster cluster, int headsets) throws InterruptedException {
        try (ServiceProcess simulator = cluster.startDetached("simulator-service", Map.of(
                "SIMULATOR_EEG_HEADSETS", Integer.toString(headsets),
                "SIMULATOR_EEG_MAX_RATE", "5000"))) {
            given().baseUri(simulator.url()).auth().preemptive().basic("operator", "operator")
                    .post("/streams/eeg/start").then().statusCode(200);
            Thread.sleep(WARM_UP.toMillis()); // a benchmark's warm-up period, not synchronisation
            long from = System.currentTimeMillis();
            long framesBefore = acknowledged(simulator);
            Thread.sleep(MEASURE.toMillis()); // the measuring period
            long framesAfter = acknowledged(simulator);
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

    private static long acknowledged(ServiceProcess simulator) {
        return given().get(simulator.url() + "/streams/eeg").then().statusCode(200).extract().jsonPath()
                .getLong("acknowledged");
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
