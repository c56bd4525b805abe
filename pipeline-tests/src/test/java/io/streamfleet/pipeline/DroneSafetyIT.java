package io.streamfleet.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamfleet.testsupport.FakeTello;

/**
 * drone-command-service as a deployment runs it (packaged, its own process, prod profile) on a real broker, flying a
 * fake Tello on loopback UDP, on a bad day: predictions from a backlog, junk and out-of-policy records written straight
 * to {@code drone-commands}, a drone that answers late or not at all, silence, a low battery, the ceiling, a drone
 * that lands by itself, an emergency while predictions keep coming, and a link restarted with its topic rewound.
 * The test plays prediction-service: it writes predictions with the headers prediction-service sets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DroneSafetyIT {

    private static final String DRONE = "tello-1";
    private static final String HEADSET = "h1";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration SILENCE_LAND_AFTER = Duration.ofSeconds(6);
    private static final long PREDICTION_PERIOD_MS = 100;
    private static final int REQUIRED_AGREEMENT = 3;
    private static final long COMMAND_INTERVAL_MS = 1000;
    /** What reaching the drone "at once" means for stop and land (issue 14). */
    private static final long PREEMPT_WITHIN_MS = 200;
    /** The service's record-signing key (DRONE_COMMAND_SIGNING_KEY), shared with the restarted instance. */
    private static final String SIGNING_KEY = "drone-safety-it-" + UUID.randomUUID();

    private static LocalCluster cluster;
    private static FakeTello tello;
    private static ServiceProcess drone;
    private static int statePort;
    private static Path sentLog;
    private static final AtomicLong windowEnd = new AtomicLong();
    private static ScheduledExecutorService headset;

    @BeforeAll
    static void start() throws Exception {
        cluster = new LocalCluster();
        tello = FakeTello.start();
        statePort = ServiceProcess.freePort();
        tello.pushStateEvery(statePort, Duration.ofMillis(100));
        sentLog = Files.createTempDirectory(Path.of("target"), "drone-link").toAbsolutePath().resolve("sent.log");
        drone = startDrone(Map.of());
    }

    private static ServiceProcess startDrone(Map<String, String> extra) {
        String droneKey = "streamfleet.drone.drones.\"" + DRONE + "\"";
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "DRONE_SILENCE_LAND_AFTER", SILENCE_LAND_AFTER.toMillis() + "ms",
                "DRONE_MAX_HEIGHT_CM", "100", // the fake flies at 80 cm: one more "up 30" would pass it
                "DRONE_STATE_CONFIRM", "1s",
                "DRONE_LINK_SENT_LOG", sentLog.toString(),
                "DRONE_COMMAND_SIGNING_KEY", SIGNING_KEY));
        env.putAll(extra);
        return cluster.start("drone-command-service", env, Map.of(
                droneKey + ".address", "127.0.0.1",
                droneKey + ".command-port", Integer.toString(tello.commandPort()),
                droneKey + ".headset", HEADSET,
                "streamfleet.drone.link.state-listen-address", "127.0.0.1",
                "streamfleet.drone.link.state-listen-port", Integer.toString(statePort)));
    }

    @AfterEach
    void landAndReset() {
        stopThinking();
        tello.reset();
        order("land").then().statusCode(202);
        await().atMost(DEADLINE).until(() -> !tello.flying() && "LANDED".equals(view().getString("state")));
    }

    @AfterAll
    static void stop() {
        stopThinking();
        if (tello != null) {
            tello.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anUnansweredHandshakeNeverDelaysAnOperatorLand() {
        // The link has not entered SDK mode yet (state pushes come unasked from this fake) and the drone never answers.
        tello.replyTo("command", FakeTello.Reply.SILENT);
        int mark = tello.received().size();
        order("takeoff").then().statusCode(202);
        await().atMost(DEADLINE).until(() -> after(mark).contains("command"));
        long landDecidedAt = order("land").then().statusCode(202).extract().jsonPath().getLong("issuedAt");
        long arrived = awaitArrival("land", mark);
        assertTrue(arrived - landDecidedAt <= PREEMPT_WITHIN_MS, "land reached the drone " + (arrived - landDecidedAt)
                + " ms after the decision, behind a handshake the drone never answers");
    }

    @Test
    @Order(2)
    void operatorLandAndWatchdogStopReachASlowDroneAtOnce() {
        takeOff();
        // From now on the drone answers each command 1-5 s late, as a Tello answers a move when it has finished it.
        tello.delayReplies(Duration.ofSeconds(1), Duration.ofSeconds(5));
        int mark = tello.received().size();
        thinkUntilSent("FORWARD", "forward 30");
        // the move is in flight: the drone answers it only when it ends, 1-5 s from now
        long landDecidedAt = order("land").then().statusCode(202).extract().jsonPath().getLong("issuedAt");
        long landArrived = awaitArrival("land", mark);
        assertTrue(landArrived - landDecidedAt <= PREEMPT_WITHIN_MS, "land reached the slow drone "
                + (landArrived - landDecidedAt) + " ms after the decision");

        takeOff();
        thinkUntilSent("ROTATE_CW", "cw 90");
        int quiet = tello.received().size();
        long quietFrom = System.currentTimeMillis();
        long stopArrived = awaitArrival("stop", quiet);
        long stopDecidedAt = decision(r -> "watchdog".equals(r.getString("reason"))
                && r.getLong("issuedAt") >= quietFrom).getLong("issuedAt");
        assertTrue(stopArrived - stopDecidedAt <= PREEMPT_WITHIN_MS, "the watchdog stop reached the slow drone "
                + (stopArrived - stopDecidedAt) + " ms after the decision");
    }

    @Test
    @Order(3)
    void aBacklogOfPredictionsOnOldEegNeverFlies() {
        takeOff();
        int mark = tello.received().size();
        long eegAt = System.currentTimeMillis() - 40_000; // a stage was frozen 40 s and now works off its backlog
        for (int i = 0; i < 30; i++) {
            predict("ROTATE_CCW", 0.99, eegAt + i * 200L);
        }
        String marker = predict("HOVER", 0.99, System.currentTimeMillis());
        decision(r -> marker.equals(r.getString("prediction") + r.getString("originProducedAt")));
        List<JsonPath> backlog = decisions(r -> "ROTATE_CCW".equals(r.getString("prediction"))
                && r.getLong("originProducedAt") < eegAt + 10_000);
        assertEquals(30, backlog.size());
        assertTrue(backlog.stream().allMatch(r -> "REFUSE".equals(r.getString("action"))
                && r.getString("reason").startsWith("stale: EEG is")), backlog.toString());
        assertTrue(after(mark).stream().noneMatch(t -> t.startsWith("ccw")), after(mark).toString());
    }

    @Test
    @Order(4)
    void recordsWithoutTheServicesSignatureNeverReachTheDroneHoweverPlausible() {
        takeOff();
        int mark = tello.received().size();
        long now = System.currentTimeMillis();
        List<String> plausible = List.of("forward 30", "cw 90", "land", "stop", "emergency");
        for (String sdk : plausible) {
            produceCommand(sdk, now, null);
            produceCommand(sdk, now, "drone-safety-it-another-key-0000");
        }
        awaitDeadLetters(r -> r.value().contains("\"reason\":\"forged\"")
                && "unsigned".equals(deadLetterRule(r)), 2 * plausible.size());
        assertEquals(List.of(), after(mark).stream().filter(t -> !t.equals("command")).toList(),
                "nothing reached the drone");
        assertEquals("FLYING", view().getString("state"));
    }

    /**
     * The link's own checks, for a writer that has the signing key (a bug upstream, a leaked key): the forgeries are
     * signed, so only the allowlist, the ranges, the state and the age stand between them and the drone.
     */
    @Test
    @Order(5)
    void junkAndOutOfPolicyRecordsOnTheTopicNeverReachTheDrone() {
        int mark = tello.received().size();
        long now = System.currentTimeMillis();
        Map<String, Long> forged = new LinkedHashMap<>();
        forged.put("flip l", now);
        forged.put("go 500 500 500 100", now);
        forged.put("wifi streamfleet hunter2", now);
        forged.put("speed 100", now);
        forged.put("forward 30", now); // a move while the drone is landed
        forged.put("emergency", now - 600_000); // an old emergency (older than the restart test's 300 s limit)
        writeForged(forged);
        awaitDeadLetters(forged.size());

        takeOff();
        Map<String, Long> whileFlying = new LinkedHashMap<>();
        long flyingNow = System.currentTimeMillis();
        whileFlying.put("forward 500", flyingNow);
        whileFlying.put("up 31", flyingNow);
        whileFlying.put("cw 720", flyingNow);
        whileFlying.put("left 10", flyingNow);
        whileFlying.put("curve 20 20 20 60 60 60 60", flyingNow);
        whileFlying.put("forward 30", flyingNow - 60_000); // a stale move
        writeForged(whileFlying);
        awaitDeadLetters(forged.size() + whileFlying.size());
        List<String> received = after(mark);
        for (String sdk : List.of("flip", "go ", "wifi", "speed", "forward", "emergency", "up", "cw", "left", "curve")) {
            assertTrue(received.stream().noneMatch(t -> t.startsWith(sdk)), sdk + " reached the drone: " + received);
        }
    }

    @Test
    @Order(6)
    void silenceWhileFlyingHoversThenLandsAfterTheBoundWithNothingElseInBetween() {
        int mark = tello.received().size();
        takeOff();
        long takeoffAt = System.currentTimeMillis();
        await().atMost(DEADLINE).until(() -> after(mark).contains("land"));
        long landedAt = System.currentTimeMillis();
        List<String> flown = after(mark).stream().filter(t -> !t.equals("command")).toList();
        assertEquals(List.of("takeoff", "stop", "land"), flown, "hover once, then land, nothing else");
        assertTrue(landedAt - takeoffAt >= SILENCE_LAND_AFTER.toMillis() - 200, "landed after "
                + (landedAt - takeoffAt) + " ms");
        assertTrue(decision(r -> "land".equals(r.getString("sdk")) && r.getLong("issuedAt") >= takeoffAt)
                .getString("reason").startsWith("silence"));
        assertEquals("LANDED", view().getString("state"));
    }

    @Test
    @Order(7)
    void aLowBatteryLandsTheDroneAndRefusesTakeoff() {
        takeOff();
        int mark = tello.received().size();
        long lowAt = System.currentTimeMillis();
        tello.battery(15);
        await().atMost(DEADLINE).until(() -> after(mark).contains("land"));
        assertTrue(decision(r -> "land".equals(r.getString("sdk")) && r.getLong("issuedAt") >= lowAt)
                .getString("reason").startsWith("battery: 15 %"));
        order("takeoff").then().statusCode(409);
        assertTrue(after(mark).stream().noneMatch("takeoff"::equals));
    }

    @Test
    @Order(8)
    void anUpAtTheCeilingIsRefusedAndADroneThatLandsByItselfIsSeenAsLanded() {
        takeOff();
        int mark = tello.received().size();
        long from = System.currentTimeMillis();
        think("UP");
        decision(r -> r.getLong("issuedAt") >= from && String.valueOf(r.getString("reason")).startsWith("ceiling"));
        stopThinking();
        settle();

        tello.landsByItself();
        await().atMost(DEADLINE).until(() -> "LANDED".equals(view().getString("state")));
        long landedAt = System.currentTimeMillis();
        think("FORWARD");
        decision(r -> r.getLong("issuedAt") >= landedAt
                && String.valueOf(r.getString("reason")).startsWith("wrong-state: FORWARD while LANDED"));
        stopThinking();
        assertTrue(after(mark).stream().noneMatch(t -> t.startsWith("up") || t.startsWith("forward")),
                after(mark).toString());
    }

    @Test
    @Order(9)
    void afterAnEmergencyNothingButTheEmergencyReachesTheDroneWhilePredictionsKeepComing() {
        takeOff();
        int flying = tello.received().size();
        think("FORWARD");
        await().atMost(DEADLINE).until(() -> after(flying).contains("forward 30"));
        int mark = tello.received().size();
        long emergencyAt = order("emergency").then().statusCode(202).extract().jsonPath().getLong("issuedAt");
        // long enough for a full agreement streak and two command intervals of confident FORWARDs
        long until = emergencyAt + REQUIRED_AGREEMENT * PREDICTION_PERIOD_MS + 2 * COMMAND_INTERVAL_MS;
        await().atMost(DEADLINE).until(() -> System.currentTimeMillis() > until + 300);
        decision(r -> r.getLong("issuedAt") > until && "FORWARD".equals(r.getString("prediction")));
        stopThinking();
        assertTrue(after(mark).stream().allMatch("emergency"::equals), after(mark).toString());
        assertEquals(3, after(mark).size(), "one emergency, fired three times: " + after(mark));
    }

    @Test
    @Order(10)
    void aLinkRestartedWithItsTopicRewoundNeverRepeatsAMoveOrAnEmergency() {
        tello.clearReceived();
        long since = System.currentTimeMillis();
        takeOff();
        thinkUntilSent("FORWARD", "forward 30");
        thinkUntilSent("ROTATE_CW", "cw 90");
        order("emergency").then().statusCode(202);
        await().atMost(DEADLINE).until(() -> count("emergency") == 3);
        List<ConsumerRecord<String, String>> moves = TopicReader.readAll(cluster.bootstrap(), "drone-commands",
                DEADLINE).stream().filter(r -> {
                    JsonPath c = new JsonPath(r.value());
                    return "SEND".equals(c.getString("action")) && c.getLong("issuedAt") >= since
                            && HEADSET.equals(c.getString("headsetId"))
                            && List.of("forward 30", "cw 90").contains(c.getString("sdk"));
                }).toList();
        assertEquals(2, moves.size(), moves.toString());

        drone.kill();
        // A new consumer group reading from the start is the topic rewound; a generous age limit leaves only the
        // link's memory of what it sent between a replay and the drone.
        drone = startDrone(Map.of("DRONE_LINK_CONSUMER_GROUP", "link-rewound-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_DRONE_COMMANDS_IN_AUTO_OFFSET_RESET", "earliest",
                "TELLO_MAX_COMMAND_AGE", "300s"));
        readToTheEnd();
        assertEquals(3, count("emergency"), "the replayed emergency was not fired again: " + tello.received());

        // The drone flies again, and the moves' records come once more (a duplicating producer, a replay tool).
        order("land").then().statusCode(202);
        await().atMost(DEADLINE).until(() -> !tello.flying());
        takeOff();
        for (ConsumerRecord<String, String> move : moves) {
            cluster.companion().produceStrings().fromRecords(new ProducerRecord<>("drone-commands", null, move.key(),
                    move.value(), move.headers())).awaitCompletion(DEADLINE);
        }
        readToTheEnd();
        assertEquals(1, count("forward 30"), "no move flew twice: " + tello.received());
        assertEquals(1, count("cw 90"), "no rotation flew twice: " + tello.received());
        assertEquals(3, count("emergency"));
    }

    /** Waits until the link has read every drone-commands record of the drone written so far. */
    private static void readToTheEnd() {
        String marker = "marker-" + UUID.randomUUID();
        cluster.companion().produceStrings().fromRecords(new ProducerRecord<>("drone-commands", DRONE,
                "{\"commandId\":\"" + marker + "\",\"droneId\":\"" + DRONE + "\",\"action\":\"SEND\","
                        + "\"sdk\":\"flip l\",\"reason\":\"" + marker + "\",\"issuedAt\":"
                        + System.currentTimeMillis() + "}")).awaitCompletion(DEADLINE);
        await().atMost(DEADLINE).until(() -> TopicReader.readAll(cluster.bootstrap(), "drone-commands.dlq", DEADLINE)
                .stream().anyMatch(r -> r.value().contains(marker)));
    }

    // --- the operator, the headset and the drone, from outside ---------------------------------------------------

    private static void takeOff() {
        int mark = tello.received().size();
        order("takeoff").then().statusCode(202);
        try {
            await().atMost(DEADLINE).until(() -> after(mark).contains("takeoff") && tello.flying()
                    && "FLYING".equals(view().getString("state")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no takeoff: the drone received " + tello.receivedWithTimes() + "; the service "
                    + "says " + view().prettify(), e);
        }
    }

    private static Response order(String order) {
        return given().baseUri(drone.url()).auth().preemptive().basic("operator", "operator")
                .post("/drones/{id}/{order}", DRONE, order);
    }

    private static JsonPath view() {
        return given().baseUri(drone.url()).get("/drones/{id}", DRONE).then().statusCode(200).extract().jsonPath();
    }

    private static double metric(String name) {
        return given().baseUri(drone.url()).get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ')
                        + 1))).sum();
    }

    /** Writes one prediction as prediction-service would, on EEG produced at {@code eegAt}; returns a marker. */
    private static String predict(String command, double confidence, long eegAt) {
        long now = System.currentTimeMillis();
        long end = windowEnd.updateAndGet(last -> Math.max(last + 1, now - 20));
        String value = "{\"headsetId\":\"" + HEADSET + "\",\"windowEnd\":" + end + ",\"command\":\"" + command
                + "\",\"confidence\":" + confidence + ",\"model\":\"bandpower-lda\",\"modelVersion\":\"1\","
                + "\"predictedAt\":" + now + ",\"reason\":\"model\"}";
        RecordHeaders headers = new RecordHeaders();
        headers.add("producedAt", Long.toString(now).getBytes(StandardCharsets.UTF_8));
        headers.add("originProducedAt", Long.toString(eegAt).getBytes(StandardCharsets.UTF_8));
        cluster.companion().produceStrings().fromRecords(new ProducerRecord<>("prediction-results", null, HEADSET,
                value, headers)).awaitCompletion(DEADLINE);
        return command + eegAt;
    }

    /** A headset thinking {@code command} confidently, a fresh window every 100 ms, until {@link #stopThinking}. */
    private static synchronized void think(String command) {
        stopThinking();
        headset = Executors.newSingleThreadScheduledExecutor();
        headset.scheduleAtFixedRate(() -> predict(command, 0.97, System.currentTimeMillis() - 30), 0,
                PREDICTION_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private static synchronized void stopThinking() {
        if (headset != null) {
            headset.shutdownNow();
            try {
                headset.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            headset = null;
        }
    }

    /** Waits until every prediction written so far has been decided (a last HOVER, decided in partition order). */
    private static void settle() {
        String marker = predict("HOVER", 0.5, System.currentTimeMillis());
        decision(r -> marker.equals(r.getString("prediction") + r.getString("originProducedAt")));
    }

    private static void thinkUntilSent(String command, String sdk) {
        int mark = tello.received().size();
        think(command);
        await().atMost(DEADLINE).until(() -> after(mark).contains(sdk));
        stopThinking();
    }

    private static void writeForged(Map<String, Long> sdkIssuedAt) {
        sdkIssuedAt.forEach((sdk, issuedAt) -> produceCommand(sdk, issuedAt, SIGNING_KEY));
    }

    /** A SEND record for the drone, signed with {@code key} as the service signs (HMAC-SHA256), or unsigned. */
    private static void produceCommand(String sdk, long issuedAt, String key) {
        String value = "{\"commandId\":\"" + UUID.randomUUID() + "\",\"droneId\":\"" + DRONE
                + "\",\"action\":\"SEND\",\"sdk\":\"" + sdk + "\",\"reason\":\"forged\",\"issuedAt\":" + issuedAt + "}";
        RecordHeaders headers = new RecordHeaders();
        if (key != null) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                headers.add("signature", java.util.Base64.getEncoder().encode(mac.doFinal(
                        value.getBytes(StandardCharsets.UTF_8))));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        cluster.companion().produceStrings().fromRecords(new ProducerRecord<>("drone-commands", null, DRONE, value,
                headers)).awaitCompletion(DEADLINE);
    }

    private static void awaitDeadLetters(int forged) {
        awaitDeadLetters(r -> r.value().contains("\"reason\":\"forged\"") && !"unsigned".equals(deadLetterRule(r)),
                forged);
    }

    private static void awaitDeadLetters(Predicate<ConsumerRecord<String, String>> which, int count) {
        await().atMost(DEADLINE).until(() -> TopicReader.readAll(cluster.bootstrap(), "drone-commands.dlq", DEADLINE)
                .stream().filter(which).count() >= count);
    }

    private static String deadLetterRule(ConsumerRecord<String, String> record) {
        var reason = record.headers().lastHeader("dead-letter-reason");
        return reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8).split(":", 2)[0];
    }

    private static List<JsonPath> decisions(Predicate<JsonPath> filter) {
        return TopicReader.readAll(cluster.bootstrap(), "drone-commands", DEADLINE).stream()
                .map(r -> new JsonPath(r.value())).filter(filter).toList();
    }

    private static JsonPath decision(Predicate<JsonPath> filter) {
        return await().atMost(DEADLINE).until(() -> decisions(filter), found -> !found.isEmpty()).get(0);
    }

    private static List<String> after(int mark) {
        List<String> all = tello.received();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    private static long count(String sdk) {
        return tello.received().stream().filter(sdk::equals).count();
    }

    private static long awaitArrival(String sdk, int mark) {
        return await().atMost(DEADLINE).until(() -> tello.receivedWithTimes().stream().skip(mark)
                .filter(r -> r.text().equals(sdk)).findFirst(), found -> found.isPresent()).orElseThrow().at()
                .toEpochMilli();
    }
}
