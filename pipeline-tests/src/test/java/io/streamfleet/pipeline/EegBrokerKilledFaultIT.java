package io.streamfleet.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.streamfleet.deploy.LocalKafkaCluster;
import io.streamfleet.testsupport.FakeTello;

/**
 * {@code kill -9} of the broker leading every EEG topic's partitions while a simulated headset flies a (fake) Tello:
 * simulator -> eeg-ingest -> prediction -> drone-command, each its own process, on a 3-broker cluster. While
 * predictions are missing the drone must hover (the watchdog's {@code stop}); once the cluster has elected new leaders
 * the flight resumes (a move after the stop). Commands between the kill and the stop come from predictions that were
 * already on their way, and are printed. Frames are accounted like orders: every frame the broker acknowledged to
 * the simulator must be in the frame topic exactly once.
 */
class EegBrokerKilledFaultIT {

    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();
    private static final String HEADSET = "h1";
    private static final String DRONE = "tello-1";
    private static final List<String> EEG_TOPICS = List.of("eeg-brainwave-data", "eeg-features", "prediction-results");
    // Hover, take off, then fly forward for longer than the test runs: every fresh prediction keeps moving the drone.
    private static final String SCRIPT = "HOVER:3s,TAKEOFF:6s,FORWARD:600s";
    private static final Duration FLIGHT_DEADLINE = Duration.ofSeconds(150);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private static LocalKafkaCluster kafka;
    private static LocalCluster services;
    private static FakeTello tello;

    @BeforeAll
    static void startInfrastructure() {
        kafka = LocalKafkaCluster.builder(Path.of("target", "faults", "cluster-eeg-broker-killed")).fresh().start();
        kafka.createTopics(ROOT.resolve("deploy/topics.txt"), Duration.ofSeconds(60));
        services = new LocalCluster(kafka.bootstrap());
        tello = FakeTello.start();
    }

    @AfterAll
    static void stopInfrastructure() {
        if (tello != null) {
            tello.close();
        }
        if (services != null) {
            services.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void droneHoversWhilePredictionsAreMissingAndFliesOnAfterABrokerKill() throws Exception {
        int victim = kafka.leaderOf(EEG_TOPICS.get(0), 0).orElseThrow();
        try (Admin admin = kafka.admin()) {
            for (String topic : EEG_TOPICS) {
                ClusterLeadership.leadAllPartitions(admin, topic, victim);
            }
            await().atMost(DEADLINE).until(() -> EEG_TOPICS.stream().allMatch(topic -> uncheckedLeaders(admin, topic)
                    .values().stream().allMatch(leader -> leader == victim)));
        }
        int statePort = ServiceProcess.freePort();
        String droneKey = "streamfleet.drone.drones.\"" + DRONE + "\"";
        services.start("drone-command-service", Map.of(), Map.of(
                droneKey + ".address", "127.0.0.1",
                droneKey + ".command-port", Integer.toString(tello.commandPort()),
                droneKey + ".headset", HEADSET,
                "streamfleet.drone.link.state-listen-address", "127.0.0.1",
                "streamfleet.drone.link.state-listen-port", Integer.toString(statePort)));
        tello.pushStateEvery(statePort, Duration.ofMillis(100)); // as a Tello in SDK mode; without it the link is DOWN
        services.start("prediction-service", Map.of());
        services.start("eeg-ingest-service", Map.of());
        ServiceProcess simulator = services.start("simulator-service", Map.of(
                "SIMULATOR_EEG_HEADSETS", "1",
                "SIMULATOR_EEG_SEED", LocalCluster.FLIGHT_HEADSET_SEED,
                "SIMULATOR_EEG_SCRIPT", SCRIPT,
                // no deliberately lost frames: every gap in seq would then be a real loss
                "SIMULATOR_EEG_DROP_PROBABILITY", "0"));

        given().baseUri(simulator.url()).auth().preemptive().basic("operator", "operator")
                .post("/streams/eeg/start").then().statusCode(200);
        tello.awaitCommands(FLIGHT_DEADLINE, "takeoff", "forward 30");

        Instant killedAt = Instant.now();
        kafka.kill(victim);
        // hover: the watchdog's stop, sent straight to the drone while no prediction arrives
        awaitTello(received -> after(received, killedAt).contains("stop"));
        Instant stopAt = firstAfter("stop", killedAt);
        // and the flight goes on once predictions flow again
        awaitTello(received -> after(received, stopAt).stream().anyMatch(EegBrokerKilledFaultIT::isMove));
        Instant movedAgainAt = tello.receivedWithTimes().stream()
                .filter(r -> r.at().isAfter(stopAt) && isMove(r.text())).findFirst().orElseThrow().at();
        List<String> whileSilent = tello.receivedWithTimes().stream()
                .filter(r -> r.at().isAfter(killedAt) && r.at().isBefore(stopAt)).map(FakeTello.Received::text).toList();
        Duration recovery = Duration.between(killedAt, movedAgainAt);
        System.out.printf("killed broker %d (leader of %s); drone: stop after %d ms, moving again after %d ms; "
                + "between kill and stop: %s%n", victim, EEG_TOPICS, Duration.between(killedAt, stopAt).toMillis(),
                recovery.toMillis(), whileSilent);
        // the moves after the recovery rest on fresh EEG, not on a backlog delivered late
        DecisionAudit.assertEveryMoveOnFreshEeg(kafka.bootstrap(), killedAt.toEpochMilli());

        kafka.restart(victim);
        given().baseUri(simulator.url()).auth().preemptive().basic("operator", "operator")
                .post("/streams/eeg/stop").then().statusCode(200);
        JsonPath status = await().atMost(DEADLINE).until(() -> given().get(simulator.url() + "/streams/eeg").jsonPath(),
                s -> s.getLong("acknowledged") + s.getLong("failed") == s.getLong("sent") && s.getLong("queueDepth") == 0);
        System.out.printf("simulator eeg: generated %d, sent %d, acknowledged %d, failed %d, dropped %d%n",
                status.getLong("generated"), status.getLong("sent"), status.getLong("acknowledged"),
                status.getLong("failed"), status.getLong("dropped"));
        assertEquals(0, status.getLong("failed") + status.getLong("dropped") + status.getLong("sampledOut"),
                "every generated frame was acknowledged, so the accepted frames are seq 0..acknowledged-1");

        Map<String, Integer> framesStored = new HashMap<>();
        for (ConsumerRecord<String, String> frame : TopicReader.readAll(kafka.bootstrap(), EEG_TOPICS.get(0), DEADLINE)) {
            Matcher seq = SEQ.matcher(frame.value());
            assertTrue(seq.find(), "a frame has a seq");
            framesStored.merge(frame.key() + "#" + seq.group(1), 1, Integer::sum);
        }
        long firstSeq = framesStored.keySet().stream().mapToLong(id -> Long.parseLong(id.substring(id.indexOf('#') + 1)))
                .min().orElseThrow();
        Set<String> accepted = LongStream.range(firstSeq, firstSeq + status.getLong("acknowledged"))
                .mapToObj(seq -> HEADSET + "#" + seq).collect(Collectors.toSet());
        printFeatureAccounting();
        new FaultOutcome("kill -9 broker leading EEG topics (frames)", accepted, framesStored, recovery).report()
                .assertNoDuplicates();
    }

    /** Features downstream of the frames: windows eeg-ingest saw with missing frames, and windows published twice. */
    private static void printFeatureAccounting() {
        Map<String, Integer> windows = new HashMap<>();
        int windowsWithGaps = 0;
        for (ConsumerRecord<String, String> features : TopicReader.readAll(kafka.bootstrap(), EEG_TOPICS.get(1), DEADLINE)) {
            JsonPath json = new JsonPath(features.value());
            windows.merge(json.getString("headsetId") + "@" + json.getLong("windowEnd"), 1, Integer::sum);
            if (json.getInt("quality.droppedFrames") > 0) {
                windowsWithGaps++;
            }
        }
        System.out.printf("eeg-features: %d windows, %d published more than once, %d with missing frames%n",
                windows.size(), windows.values().stream().filter(n -> n > 1).count(), windowsWithGaps);
    }

    private static List<FakeTello.Received> awaitTello(Predicate<List<FakeTello.Received>> condition) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(tello::receivedWithTimes, condition);
    }

    private static List<String> after(List<FakeTello.Received> received, Instant from) {
        return received.stream().filter(r -> !r.at().isBefore(from)).map(FakeTello.Received::text).toList();
    }

    private static Instant firstAfter(String text, Instant from) {
        return tello.receivedWithTimes().stream().filter(r -> !r.at().isBefore(from) && r.text().equals(text))
                .findFirst().orElseThrow().at();
    }

    private static boolean isMove(String sdk) {
        return sdk.matches("(forward|back|left|right|up|down|cw|ccw) \\d+");
    }

    private static Map<Integer, Integer> uncheckedLeaders(Admin admin, String topic) {
        try {
            return ClusterLeadership.leaders(admin, topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
