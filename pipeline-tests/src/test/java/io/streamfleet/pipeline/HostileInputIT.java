package io.streamfleet.pipeline;

import static io.streamfleet.pipeline.HostileGenerators.JSON;
import static io.streamfleet.pipeline.HostileGenerators.hostileText;
import static io.streamfleet.pipeline.HostileGenerators.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.streamfleet.testsupport.FakeTello;
import io.streamfleet.testsupport.VictoriaMetricsResource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile input against all six packaged services (prod profile, separate processes, one real broker): every HTTP
 * endpoint that takes a body or parameters gets {@value #TRIES} generated malformed requests with a valid request
 * every {@value #VALID_EVERY}th, every mutating endpoint of every OpenAPI document is checked for 401/403, and every
 * consumed topic gets malformed records between valid ones ({@link HostileRecords}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    static final int TRIES = Integer.getInteger("hostile.tries", 10_000);
    static final int VALID_EVERY = 100;
    /** Under the HTTP codec's 64 KiB request line (quarkus.http.limits.max-initial-line-length, service-support). */
    private static final int MAX_PATH = 60_000;
    private static final int CONCURRENCY = 4;
    private static final String DRONE = "tello-1";
    /** The headset flying tello-1: its predictions on prediction-results become decisions on drone-commands. */
    private static final String PILOT = "hk-pilot";
    private static final String SEEDED_SENSOR = "hostile-seed-";
    private static final String OPERATOR = basic("operator", "operator");
    private static final String INGEST = basic("ingest", "ingest");
    private static final String VIEWER = basic("viewer", "viewer");

    static LocalCluster cluster;
    private static MongoServer mongo;
    private static VictoriaMetricsResource victoriaMetrics;
    private static FakeTello tello;
    static final Map<String, ServiceProcess> SERVICES = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void startEveryService() {
        cluster = new LocalCluster();
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress mongoAddress = mongo.bind();
        victoriaMetrics = new VictoriaMetricsResource();
        victoriaMetrics.start();
        tello = FakeTello.start();
        String droneKey = "streamfleet.drone.drones.\"" + DRONE + "\"";
        SERVICES.put("simulator-service", cluster.start("simulator-service", Map.of()));
        // Thousands of records are written in bulk and read seconds later: under the 2 s real-time limit their valid
        // frames and windows would be skipped as stale EEG (not dead-lettered: they break no contract). Freshness has
        // its own tests (EegToDronePipelineIT, DroneSafetyIT, the services' own); here every valid record must land.
        Map<String, String> noAgeLimit = Map.of("EEG_MAX_AGE", "10m");
        SERVICES.put("eeg-ingest-service", cluster.start("eeg-ingest-service", noAgeLimit));
        SERVICES.put("prediction-service", cluster.start("prediction-service", noAgeLimit));
        SERVICES.put("drone-command-service", cluster.start("drone-command-service", Map.of(), Map.of(
                droneKey + ".address", "127.0.0.1",
                droneKey + ".command-port", Integer.toString(tello.commandPort()),
                droneKey + ".headset", PILOT,
                "streamfleet.drone.link.state-listen-address", "127.0.0.1",
                "streamfleet.drone.link.state-listen-port", Integer.toString(ServiceProcess.freePort()))));
        SERVICES.put("widget-order-service", cluster.start("widget-order-service", Map.of(
                "MONGODB_URI", "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort())));
        SERVICES.put("telemetry-sink-service", cluster.start("telemetry-sink-service", Map.of(
                "VICTORIA_METRICS_URL", victoriaMetrics.url())));
        seedSensorReading();
    }

    /** One sensor reading, so the sink has a latest value to answer valid requests with. */
    private static void seedSensorReading() {
        try (var producer = HostileRecords.producer(cluster.bootstrap())) {
            HostileRecords.Produced reading = HostileRecords.sensor(0, SEEDED_SENSOR);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("sensor-stream", reading.key(),
                    reading.value()));
        }
        ServiceProcess sink = SERVICES.get("telemetry-sink-service");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> sendTo(sink, new Probe("GET", "/sensors/" + SEEDED_SENSOR + "0/latest", null, null, null,
                        false)).statusCode() == 200);
    }

    @AfterAll
    static void stopEverything() {
        REPORT.forEach(System.out::println);
        if (cluster != null) {
            cluster.close();
        }
        if (tello != null) {
            tello.close();
        }
        if (victoriaMetrics != null) {
            victoriaMetrics.stop();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP fuzzing

    /** One generated request; {@code mayBeValid} marks inputs the contract may accept (2xx is then fine). */
    record Probe(String method, String path, String contentType, byte[] body, String authorization, boolean mayBeValid) {
    }

    /** An endpoint under test, its hostile requests, and a valid request whose answer must stay 2xx throughout. */
    record Endpoint(String service, String method, String template, Arbitrary<Probe> hostile, Supplier<Probe> valid) {

        Endpoint(String service, String method, String template, Arbitrary<Probe> hostile, Probe valid) {
            this(service, method, template, hostile, () -> valid);
        }
    }

    @Test
    @Order(1)
    void everyEndpointAnswersHostileRequestsWithJson4xxAndKeepsServing() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            failures.addAll(fuzz(endpoint));
        }
        for (ServiceProcess service : SERVICES.values()) {
            HttpResponse<String> live = sendTo(service, new Probe("GET", "/q/health/live", null, null, null, false));
            assertEquals(200, live.statusCode(), service.module() + " is live after the fuzzing: " + live.body());
            assertTrue(live.body().contains("\"UP\""), service.module() + " reports UP: " + live.body());
        }
        // One line per kind of bad answer (endpoint, status, problem) with its count and first example.
        Map<String, List<String>> byKind = new java.util.TreeMap<>();
        failures.forEach(failure -> byKind.computeIfAbsent(failure.substring(0, failure.indexOf(" || ")),
                kind -> new ArrayList<>()).add(failure.substring(failure.indexOf(" || ") + 4)));
        StringBuilder summary = new StringBuilder();
        byKind.forEach((kind, examples) -> summary.append(examples.size()).append(" x ").append(kind)
                .append("\n      e.g. ").append(examples.get(0)).append('\n'));
        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + summary);
    }

    private List<String> fuzz(Endpoint endpoint) throws Exception {
        ServiceProcess service = SERVICES.get(endpoint.service());
        // Request lines stay under the HTTP codec's limit, beyond which Vert.x answers a bare 414 and closes the
        // connection before any application code runs; targets over 4096 characters get RequestLimits' JSON 414.
        Iterator<Probe> hostile = endpoint.hostile().filter(probe -> probe.path().length() < MAX_PATH)
                .sampleStream().iterator();
        Counts counts = new Counts();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            // Bounded in flight: generation stays ahead of the services without queuing thousands of bodies.
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(4 * CONCURRENCY);
            List<Future<?>> pending = new ArrayList<>();
            for (int i = 1; i <= TRIES; i++) {
                boolean valid = i % VALID_EVERY == 0;
                Probe probe = valid ? endpoint.valid().get() : hostile.next();
                inFlight.acquire();
                pending.add(pool.submit(() -> {
                    try {
                        ask(endpoint, service, probe, valid, counts, failures);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("%s %s %s: %d requests in %d s%n", endpoint.service(), endpoint.method(), endpoint.template(),
                TRIES, java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        REPORT.add(String.format("HOSTILE | %s %s %s | tried %d | 4xx %d | 2xx %d | 5xx %d | crashes %d",
                endpoint.service(), endpoint.method(), endpoint.template(), TRIES, counts.fourXx().get(),
                counts.twoXx().get(), counts.fiveXx().get(), counts.crashes().get()));
        System.out.println(REPORT.get(REPORT.size() - 1));
        return failures;
    }

    /** Counters of one endpoint's answers. */
    record Counts(AtomicLong fourXx, AtomicLong twoXx, AtomicLong fiveXx, AtomicLong crashes, AtomicLong other) {

        Counts() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    /** Sends one probe and records what is wrong with the answer, if anything. */
    private static void ask(Endpoint endpoint, ServiceProcess service, Probe probe, boolean valid, Counts counts,
            List<String> failures) {
        HttpResponse<String> answer;
        try {
            answer = sendTo(service, probe);
        } catch (IOException e) {
            counts.crashes().incrementAndGet();
            failures.add(endpoint.template() + " " + e.getClass().getSimpleName() + " || "
                    + describe(probe) + " -> " + e);
            return;
        }
        int status = answer.statusCode();
        String problem;
        if (valid) {
            problem = status / 100 == 2 ? null : "valid request answered " + status;
        } else if (status >= 500) {
            counts.fiveXx().incrementAndGet();
            problem = "5xx";
        } else if (status / 100 == 2) {
            problem = probe.mayBeValid() ? null : "accepted hostile input";
        } else if (status / 100 == 4) {
            problem = jsonErrorProblem(answer);
        } else {
            problem = "unexpected status";
        }
        if (!valid) {
            (status / 100 == 2 ? counts.twoXx() : status / 100 == 4 ? counts.fourXx() : counts.other())
                .incrementAndGet();
        }
        if (problem != null) {
            failures.add(endpoint.method() + " " + endpoint.template() + " -> " + status + ": " + problem
                    + " || " + describe(probe) + " -> " + abbreviate(answer.body()));
        }
    }

    /** Null when the answer is a JSON error whose status matches and, for a 400, names the field. */
    private static String jsonErrorProblem(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("content-type").orElse("");
        if (!type.startsWith("application/json")) {
            return "error is not JSON (content-type " + type + ")";
        }
        JsonNode error;
        try {
            error = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "error body does not parse";
        }
        if (error == null || error.path("status").asInt() != answer.statusCode() || !error.hasNonNull("message")) {
            return "error body lacks status/message";
        }
        if (answer.statusCode() == 400 && error.path("field").asText("").isBlank()) {
            return "400 without field";
        }
        return null;
    }

    static HttpResponse<String> sendTo(ServiceProcess service, Probe probe) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url() + probe.path()))
                .timeout(Duration.ofSeconds(30))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        if (probe.authorization() != null) {
            request.header("Authorization", probe.authorization());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(Probe probe) {
        String body = probe.body() == null ? "" : new String(probe.body(), 0, Math.min(120, probe.body().length),
                StandardCharsets.UTF_8);
        return probe.method() + " " + abbreviate(probe.path()) + " [" + probe.contentType() + ", "
                + (probe.body() == null ? 0 : probe.body().length) + " bytes] " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\r\\n]", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
    }

    // --- the endpoints ---------------------------------------------------------------------------------------------

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        String stream = "widget-orders";
        Probe streamStatus = new Probe("GET", "/streams/" + stream, null, null, null, false);
        Probe stopStream = new Probe("POST", "/streams/" + stream + "/stop", null, null, OPERATOR, false);
        all.add(new Endpoint("simulator-service", "GET", "/streams/{stream}", idPath("/streams/", ""), streamStatus));
        all.add(new Endpoint("simulator-service", "POST", "/streams/{stream}/start",
                idPath("POST", "/streams/", "/start", OPERATOR), stopStream));
        all.add(new Endpoint("simulator-service", "POST", "/streams/{stream}/stop",
                idPath("POST", "/streams/", "/stop", OPERATOR), stopStream));
        all.add(new Endpoint("simulator-service", "PUT", "/streams/{stream}/rate",
                bodies("PUT", path -> "/streams/" + path + "/rate", stream, Map.of("messagesPerSecond", 5), OPERATOR),
                new Probe("PUT", "/streams/" + stream + "/rate", "application/json",
                        utf8("{\"messagesPerSecond\":5}"), OPERATOR, false)));
        Probe legacyStop = new Probe("POST", "/api/v2/kafka-streams/control/producer/stop/" + stream, null, null,
                OPERATOR, false);
        all.add(new Endpoint("simulator-service", "POST", "/api/v2/kafka-streams/control/producer/start/{stream}",
                idPath("POST", "/api/v2/kafka-streams/control/producer/start/", "/", OPERATOR), legacyStop));
        all.add(new Endpoint("simulator-service", "POST", "/api/v2/kafka-streams/control/producer/stop/{stream}",
                idPath("POST", "/api/v2/kafka-streams/control/producer/stop/", "", OPERATOR), legacyStop));

        AtomicLong seq = new AtomicLong();
        all.add(new Endpoint("eeg-ingest-service", "POST", "/eeg/{headsetId}/frames",
                bodies("POST", h -> "/eeg/" + h + "/frames", "hostile-h1", eegFrame("hostile-h1", 0), INGEST),
                () -> new Probe("POST", "/eeg/hostile-valid/frames", "application/json",
                        utf8(HostileGenerators.json(eegFrame("hostile-valid", seq.getAndIncrement()))), INGEST, false)));
        all.add(new Endpoint("eeg-ingest-service", "GET", "/eeg/{headsetId}/latest", idPath("/eeg/", "/latest"),
                new Probe("GET", "/eeg/headsets", null, null, null, false)));
        all.add(new Endpoint("prediction-service", "GET", "/predictions/{headsetId}/latest",
                idPath("/predictions/", "/latest"), new Probe("GET", "/models", null, null, null, false)));

        Probe drone = new Probe("GET", "/drones/" + DRONE, null, null, null, false);
        Probe land = new Probe("POST", "/drones/" + DRONE + "/land", null, null, OPERATOR, false);
        all.add(new Endpoint("drone-command-service", "GET", "/drones/{droneId}", idPath("/drones/", ""), drone));
        for (String action : List.of("takeoff", "land", "emergency")) {
            all.add(new Endpoint("drone-command-service", "POST", "/drones/{droneId}/" + action,
                    idPath("POST", "/drones/", "/" + action, OPERATOR), land));
        }

        Map<String, Object> order = new LinkedHashMap<>();
        order.put("type", "WidgetOrdered");
        order.put("customerId", "hostile-c1");
        order.put("widgetId", "W123");
        order.put("quantity", 2);
        order.put("orderedAt", 1_713_763_500_000L);
        all.add(new Endpoint("widget-order-service", "POST", "/orders", bodies("POST", ignored -> "", null, order, INGEST)
                .map(probe -> new Probe(probe.method(), "/orders" + probe.path(), probe.contentType(), probe.body(),
                        probe.authorization(), probe.mayBeValid())),
                new Probe("POST", "/orders", "application/json", utf8(HostileGenerators.json(order)), INGEST, false)));
        all.add(new Endpoint("widget-order-service", "GET", "/orders/{customerId}?page&size", orderQueries(),
                new Probe("GET", "/orders/hostile-c1?page=0&size=10", null, null, null, false)));
        all.add(new Endpoint("widget-order-service", "GET", "/orders/{customerId}/summary",
                idPath("/orders/", "/summary").map(probe -> new Probe(probe.method(), probe.path(), null, null, null,
                        true)),
                new Probe("GET", "/orders/hostile-c1/summary", null, null, null, false)));

        Probe streams = new Probe("GET", "/sensors/" + SEEDED_SENSOR + "0/latest", null, null, null, false);
        for (String template : List.of("/streams/images/{stream}/latest", "/streams/sensors/{stream}/latest",
                "/satellites/{satelliteId}/latest", "/sensors/{sensorId}/latest",
                "/api/v2/kafka-streams/images/{stream}/latest/", "/api/v2/kafka-streams/sensors/{stream}/latest/")) {
            String prefix = template.substring(0, template.indexOf('{'));
            String suffix = template.substring(template.indexOf('}') + 1);
            all.add(new Endpoint("telemetry-sink-service", "GET", template, idPath(prefix, suffix), streams));
        }
        return all;
    }

    /** GET {prefix}{hostile id}{suffix}, without credentials. */
    private static Arbitrary<Probe> idPath(String prefix, String suffix) {
        return idPath("GET", prefix, suffix, null);
    }

    /**
     * {method} {prefix}{hostile id}{suffix}: the id percent-encoded (the usual case), or raw where it is a legal URI
     * path (traversal such as {@code ../..}), plus wrong methods and stray query strings.
     */
    private static Arbitrary<Probe> idPath(String method, String prefix, String suffix, String authorization) {
        // One id in twenty is longer than a request target may be (4096): answered by RequestLimits' JSON 414. Built
        // by repeating a short random unit: jqwik generating 20,000 characters one by one doubled this test's time.
        Arbitrary<String> overlong = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(16),
                Arbitraries.integers().between(4_100, 20_000))
                .as((unit, length) -> unit.repeat(length / unit.length() + 1).substring(0, length));
        Arbitrary<String> encoded = Arbitraries.frequencyOf(
                Tuple.of(19, hostileText().map(HostileInputIT::encodeSegment)), Tuple.of(1, overlong));
        Arbitrary<String> raw = Arbitraries.of("..", "../..", "../../../../etc/passwd", "%2e%2e", "%2e%2e%2fetc",
                "%2F", "%00", "%ff%fe", ";jsessionid=1", "a;b=c", "~root", "%252e%252e", ".%2e/.%2e");
        Arbitrary<String> wrongMethod = Arbitraries.of("DELETE", "PATCH", "PUT", "OPTIONS", "TRACE", method);
        Arbitrary<String> query = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(2, hostileText().map(text -> "?" + encodeSegment(text) + "=" + encodeSegment(text))));
        // A percent-encoded id never names an existing resource, except "", "." and ".." which vanish from the path
        // ("/streams/." is "/streams/"): those are left out. OPTIONS lists the allowed methods: 2xx is right there.
        Arbitrary<Probe> encodedProbe = Combinators.combine(encoded.filter(value -> !value.matches("\\.{0,2}")),
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(method)), Tuple.of(1, wrongMethod)), query)
                .as((value, verb, extra) -> new Probe(verb, prefix + value + suffix + extra, null, null, authorization,
                        verb.equals("OPTIONS")));
        // A raw traversal is resolved by the server to another path, which may exist.
        Arbitrary<Probe> rawProbe = raw.map(value -> new Probe(method, prefix + value + suffix, null, null,
                authorization, true));
        return Arbitraries.frequencyOf(Tuple.of(8, encodedProbe), Tuple.of(2, rawProbe));
    }

    /** Hostile bodies for {method} {path(id)}: a valid id with a hostile body, or a hostile id with a valid body. */
    private static Arbitrary<Probe> bodies(String method, Function<String, String> path, String validId,
            Map<String, Object> valid, String authorization) {
        String validBody = HostileGenerators.json(valid);
        Arbitrary<Probe> mutated = HostileGenerators.mutate(valid).map(m -> new Probe(method, path.apply(validId),
                "application/json", utf8(m.body()), authorization, m.mayBeValid()));
        Arbitrary<Probe> notJson = HostileGenerators.randomBytes().map(bytes -> new Probe(method, path.apply(validId),
                "application/json", bytes, authorization, false));
        Arbitrary<Probe> nested = HostileGenerators.deeplyNested().map(text -> new Probe(method, path.apply(validId),
                "application/json", utf8(text), authorization, false));
        Arbitrary<Probe> notObject = HostileGenerators.notAnObject().map(text -> new Probe(method,
                path.apply(validId), "application/json", utf8(text), authorization, false));
        // A valid body padded past one service's limit may be within another's (eeg-ingest takes 1M): 2xx is fine
        // below the limit, above it the answer must be a JSON 400/413 naming the body.
        Arbitrary<Probe> oversize = Arbitraries.of(70_000, 300_000, 1_100_000, 2_000_000, 9_000_000).map(size ->
                new Probe(method, path.apply(validId), "application/json",
                        utf8(validBody.substring(0, validBody.length() - 1) + ",\"pad\":\"" + "x".repeat(size) + "\"}"),
                        authorization, true));
        Arbitrary<Probe> wrongType = Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=utf-7", "*/*", "garbage")
                .map(type -> new Probe(method, path.apply(validId), type, utf8(validBody), authorization,
                        type.startsWith("application/json") || type.equals("*/*")));
        // Without a Content-Type JAX-RS takes the body as the declared type: a valid body may then be accepted.
        Arbitrary<Probe> noType = Arbitraries.just(new Probe(method, path.apply(validId), null, utf8(validBody),
                authorization, true));
        Arbitrary<Probe> hostileId = validId == null ? mutated : hostileText().map(text -> new Probe(method,
                path.apply(encodeSegment(text)), "application/json", utf8(validBody), authorization, false));
        Arbitrary<Probe> oversizeRare = Arbitraries.frequencyOf(Tuple.of(199, notObject), Tuple.of(1, oversize));
        return Arbitraries.frequencyOf(Tuple.of(10, mutated), Tuple.of(3, notJson), Tuple.of(2, nested),
                Tuple.of(2, oversizeRare), Tuple.of(1, wrongType), Tuple.of(1, noType), Tuple.of(2, hostileId));
    }

    /** GET /orders/{customerId}?page&size with hostile ids and parameters. */
    private static Arbitrary<Probe> orderQueries() {
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("-1", "0", "1", "500", "501", "100001", "2147483648", "-2147483649",
                        "1e3", "0x10", "NaN", "Infinity", "1.5", "%201", "+1", "", "%00", "%20", "1%2C2")),
                Tuple.of(2, hostileText().map(HostileInputIT::encodeSegment)),
                Tuple.of(1, Arbitraries.integers().map(Object::toString)));
        Arbitrary<String> id = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("hostile-c1")),
                Tuple.of(2, hostileText().map(HostileInputIT::encodeSegment)));
        return Combinators.combine(id, number, number, Arbitraries.of("page", "size", "both", "twice"))
                .as((customer, page, size, which) -> {
                    String query = switch (which) {
                        case "page" -> "?page=" + page;
                        case "size" -> "?size=" + size;
                        case "twice" -> "?page=" + page + "&page=" + size;
                        default -> "?page=" + page + "&size=" + size;
                    };
                    // any answer may be 200: an unknown customer has an empty list, and some parameters are legal
                    return new Probe("GET", "/orders/" + customer + query, null, null, null, true);
                });
    }

    static Map<String, Object> eegFrame(String headset, long seq) {
        List<String> channels = List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2");
        List<List<Double>> samples = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < channels.size(); c++) {
                row.add(1_500.0 * (c + 1) + 20 * Math.sin(2 * Math.PI * 10 * (seq * 25 + i) / 250.0 + c));
            }
            samples.add(row);
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("headsetId", headset);
        frame.put("seq", seq);
        frame.put("sampleRateHz", 250);
        frame.put("channels", channels);
        frame.put("firstSampleAt", 1_713_763_500_000L + seq * 100);
        frame.put("samples", samples);
        return frame;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so any text is one legal path segment. */
    static String encodeSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Authentication of every mutating endpoint, as each service's OpenAPI document lists them

    @Test
    @Order(2)
    void everyMutatingEndpointAnswers401WithoutCredentialsAnd403WithTheWrongRole() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ServiceProcess service : SERVICES.values()) {
            HttpResponse<String> document = sendTo(service, new Probe("GET", "/q/openapi?format=json", null, null,
                    null, false));
            assertEquals(200, document.statusCode(), service.module() + " serves its OpenAPI document");
            JsonNode paths = JSON.readTree(document.body()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                for (String method : List.of("post", "put", "delete", "patch")) {
                    if (!path.getValue().has(method)) {
                        continue;
                    }
                    // Any value for the parameters: security is checked before the id is looked up.
                    String concrete = path.getKey().replaceAll("\\{slash}", "/").replaceAll("\\{[^}]+}", "x");
                    String name = service.module() + " " + method.toUpperCase() + " " + path.getKey();
                    checked.add(name);
                    int anonymous = sendTo(service, new Probe(method.toUpperCase(), concrete, "application/json",
                            utf8("{}"), null, false)).statusCode();
                    int viewer = sendTo(service, new Probe(method.toUpperCase(), concrete, "application/json",
                            utf8("{}"), VIEWER, false)).statusCode();
                    REPORT.add(String.format("AUTH | %s | no credentials %d | viewer %d", name, anonymous, viewer));
                    if (anonymous != 401 || viewer != 403) {
                        failures.add(name + ": no credentials " + anonymous + ", viewer " + viewer);
                    }
                }
            }
        }
        System.out.println("mutating endpoints from the OpenAPI documents: " + new TreeSet<>(checked));
        assertTrue(checked.containsAll(List.of("widget-order-service POST /orders",
                "eeg-ingest-service POST /eeg/{headsetId}/frames", "simulator-service PUT /streams/{stream}/rate",
                "drone-command-service POST /drones/{droneId}/emergency")),
                "the OpenAPI documents list the known mutating endpoints: " + checked);
        assertTrue(failures.isEmpty(), "unprotected mutating endpoints:\n" + String.join("\n", failures));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Malformed records on every consumed topic

    @Test
    @Order(3)
    void everyMalformedRecordIsDeadLetteredWithItsReasonAndEveryValidOneLands() throws Exception {
        String bootstrap = cluster.bootstrap();
        List<String> failures = new ArrayList<>();
        for (HostileRecords.TopicSpec spec : topics()) {
            int count = spec.topic().startsWith("aria.") ? 400 : RECORDS_PER_TOPIC;
            List<HostileRecords.Produced> produced = HostileRecords.produce(bootstrap, spec, count);
            int malformed = (int) produced.stream().filter(record -> !record.valid()).count();
            int valid = produced.size() - malformed;
            String dlq = spec.topic() + ".dlq";
            List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> dead = awaitCount(malformed,
                    () -> HostileRecords.readAll(bootstrap, dlq,
                            record -> spec.topic().equals(HostileRecords.header(record, "dead-letter-topic"))));
            long withReason = dead.stream().filter(record -> {
                String reason = HostileRecords.header(record, "dead-letter-reason");
                return reason != null && !reason.isBlank() && HostileRecords.header(record, "dead-letter-offset") != null;
            }).count();
            int stored = awaitCount(valid, () -> validStored(spec.topic(), valid));
            boolean readToEnd = awaitTrue(() -> HostileRecords.someGroupReadToTheEnd(bootstrap, spec.topic()));
            HostileRecords.Outcome outcome = new HostileRecords.Outcome(spec.topic(), produced.size(), malformed,
                    dead.size(), (int) withReason, stored, valid);
            REPORT.add(outcome.line());
            System.out.println(outcome.line());
            if (dead.size() != malformed || withReason != malformed || stored != valid || !readToEnd) {
                java.util.Set<String> parked = new java.util.HashSet<>();
                dead.forEach(record -> parked.add(HostileRecords.header(record, "dead-letter-partition") + "@"
                        + HostileRecords.header(record, "dead-letter-offset")));
                List<String> kept = produced.stream().filter(record -> !record.valid())
                        .filter(record -> !parked.contains(record.position())).limit(3)
                        .map(HostileRecords.Produced::describe).toList();
                failures.add(outcome.line() + " | valid " + valid + " | with reason " + withReason
                        + " | consumer read to the end " + readToEnd + "\n    not dead-lettered, e.g. "
                        + String.join("\n    ", kept));
            }
        }
        for (ServiceProcess service : SERVICES.values()) {
            HttpResponse<String> live = sendTo(service, new Probe("GET", "/q/health/live", null, null, null, false));
            assertEquals(200, live.statusCode(), service.module() + " is live after the records: " + live.body());
        }
        assertTrue(failures.isEmpty(), "topics that lost, kept or stalled records:\n" + String.join("\n", failures));
    }

    private static final int RECORDS_PER_TOPIC = Integer.getInteger("hostile.records", 2_000);

    private static List<HostileRecords.TopicSpec> topics() {
        List<HostileRecords.TopicSpec> all = new ArrayList<>();
        all.add(HostileRecords.jsonTopic("eeg-brainwave-data", i -> HostileRecords.eegFrame(i, "hk-eeg"),
                Map.of("headsetId", "text", "seq", "number", "sampleRateHz", "number", "channels", "array",
                        "firstSampleAt", "number", "samples", "array"), List.of("headsetId")));
        all.add(HostileRecords.jsonTopic("eeg-features", i -> HostileRecords.features(i, "hk-features"),
                Map.of("headsetId", "text", "windowStart", "number", "windowEnd", "number", "channels", "array",
                        "bands", "object", "quality", "object"), List.of()));
        all.add(HostileRecords.jsonTopic("prediction-results", i -> HostileRecords.prediction(i, PILOT),
                Map.of("headsetId", "text", "command", "text", "confidence", "number", "predictedAt", "number"),
                List.of("headsetId")));
        all.add(HostileRecords.jsonTopic("drone-commands", i -> HostileRecords.droneCommand(i, "hk-drone"),
                Map.of("commandId", "text", "droneId", "text", "action", "text"), List.of()));
        all.add(HostileRecords.jsonTopic("satellite-telemetry", i -> HostileRecords.satellite(i, "HK-SAT-"),
                Map.of("timestamp", "text", "satellite_id", "text", "metrics", "object"), List.of("satellite_id")));
        all.add(HostileRecords.jsonTopic("sensor-stream", i -> HostileRecords.sensor(i, "hk-sensor-"),
                Map.of("sensor_id", "text", "temperature", "number", "timestamp", "number"), List.of("sensor_id")));
        for (String stream : List.of("imu-right", "imu-left", "magnetometer", "barometer")) {
            all.add(HostileRecords.jsonTopic("aria." + stream,
                    i -> HostileRecords.wearableSample(i, stream, "hk-" + stream + "-"),
                    Map.of("deviceId", "text", "capturedAtNanos", "number", "values", "object"), List.of("deviceId")));
        }
        for (String stream : List.of("camera-rgb", "camera-slam-left", "camera-slam-right", "camera-eyetracking")) {
            all.add(HostileRecords.binaryTopic("aria." + stream,
                    i -> HostileRecords.cameraFrame(i, stream, "hk-" + stream + "-"),
                    base -> HostileRecords.malformedMedia(base, true)));
        }
        all.add(HostileRecords.binaryTopic("aria.microphone",
                i -> HostileRecords.audioChunk(i, "microphone", "hk-microphone-"),
                base -> HostileRecords.malformedMedia(base, false)));
        all.add(HostileRecords.jsonTopic("widget-orders", i -> HostileRecords.order(i, "hk-orders"),
                Map.of("type", "text", "customerId", "text", "widgetId", "text"), List.of("customerId", "widgetId")));
        return all;
    }

    /** How many of a topic's {@code valid} records show downstream, seen from outside (HTTP, Kafka, VictoriaMetrics). */
    private static int validStored(String topic, int valid) throws Exception {
        String bootstrap = cluster.bootstrap();
        switch (topic) {
            case "eeg-brainwave-data": {
                // 100 ms frames, a 2 s window every 200 ms: frames 0..19 give the first window, every 2 more the next.
                int features = HostileRecords.readAll(bootstrap, "eeg-features",
                        record -> "hk-eeg".equals(key(record))).size();
                // An odd last frame waits in the window for its successor: it counts as stored once the window
                // before it was published.
                return features == 0 ? 0 : Math.min(valid, 20 + 2 * (features - 1) + (valid - 20) % 2);
            }
            case "eeg-features":
                return HostileRecords.readAll(bootstrap, "prediction-results",
                        record -> "hk-features".equals(key(record))).size();
            case "prediction-results":
                return (int) HostileRecords.readAll(bootstrap, "drone-commands",
                        record -> new String(record.value(), StandardCharsets.UTF_8)
                                .contains("\"headsetId\":\"" + PILOT + "\"")).size();
            case "drone-commands":
                // Commands for a drone this instance does not fly are read and acknowledged, nothing more: the
                // committed offset (checked separately) is what shows they were consumed.
                return valid;
            case "widget-orders": {
                HttpResponse<String> answer = sendTo(SERVICES.get("widget-order-service"),
                        new Probe("GET", "/orders/hk-orders?size=1", null, null, null, false));
                return Integer.parseInt(answer.headers().firstValue("X-Total-Count").orElse("0"));
            }
            case "satellite-telemetry":
                return countLatest("/satellites/HK-SAT-", valid);
            case "sensor-stream":
                return countLatest("/sensors/hk-sensor-", valid);
            default: {
                String stream = topic.substring("aria.".length());
                return (int) victoriaMetrics.exportSeries("{__name__=~\"aria_.+\",device=~\"hk-" + stream + "-.*\"}")
                        .stream().map(series -> series.labels().get("device")).distinct().count();
            }
        }
    }

    private static int countLatest(String prefix, int valid) throws IOException {
        int found = 0;
        for (int i = 0; i < valid; i++) {
            if (sendTo(SERVICES.get("telemetry-sink-service"), new Probe("GET", prefix + i + "/latest", null, null,
                    null, false)).statusCode() == 200) {
                found++;
            }
        }
        return found;
    }

    private static String key(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    interface Counted<T> {
        T get() throws Exception;
    }

    /** Polls until the count reaches {@code expected} or 60 s pass; returns the last value (the caller asserts). */
    private static <T> T awaitCount(int expected, Counted<T> count) {
        java.util.concurrent.atomic.AtomicReference<T> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(count.get());
                        return size(last.get()) >= expected;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported with the counts by the caller
        }
        return last.get();
    }

    private static int size(Object value) {
        return value instanceof List<?> list ? list.size() : (Integer) value;
    }

    private static boolean awaitTrue(Counted<Boolean> condition) throws Exception {
        return awaitCount(1, () -> condition.get() ? 1 : 0) == 1;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
