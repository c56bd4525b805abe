package io.streamfleet.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A model server on a free loopback port that speaks the KServe v2 / Triton HTTP protocol for one model:
 * {@code GET /v2/health/ready}, {@code GET /v2/models/{name}} and {@code POST /v2/models/{name}/infer}, where the
 * infer answer is one FP32 output tensor {@code [1, N]} computed from the request's first input tensor by a function
 * the test sets ({@link #respondWith}, {@link #answerClass}). Switches make it answer an HTTP error
 * ({@link #failWith}), fail only some infer calls ({@link #failEvery}, {@link #failFraction}), answer something that
 * is not class probabilities ({@link #answerMalformed}), answer late ({@link #delay}), or go away and come back on the
 * same port ({@link #stopListening}, {@link #restartListening}); every request is recorded ({@link #requests}).
 * <p>
 * As a Quarkus test resource it sets {@code quarkus.rest-client.model-server.url} (init arg {@value #URL_PROPERTY}
 * chooses another key) and injects itself into test fields of type {@code FakeModelServer}. Init args
 * {@value #MODEL_NAME}, {@value #MODEL_VERSION}, {@value #OUTPUT_NAME} and {@value #CLASSES} describe the model.
 * Directly: {@code try (FakeModelServer server = new FakeModelServer("bandpower", "7", "probabilities", 11)) {...}}.
 */
public class FakeModelServer implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    public static final String URL_PROPERTY = "urlProperty";
    public static final String MODEL_NAME = "modelName";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String OUTPUT_NAME = "outputName";
    public static final String CLASSES = "classes";
    /** The status of an infer call failed by {@link #failEvery} or {@link #failFraction}. */
    public static final int PARTIAL_FAILURE_STATUS = 503;

    private static final Pattern FIRST_DATA = Pattern.compile("\"data\"\\s*:\\s*\\[([^\\]]*)]");

    /** Infer answers that are not class probabilities, as a broken model deployment would give. */
    public enum Malformation {
        /** {@code [1.005, 0, ...]}: above 1, nothing negative, the sum within a percent of 1. */
        ABOVE_ONE,
        /** {@code [0.505, 0.5, -0.005, 0, ...]}: one value below 0, the sum exactly 1. */
        NEGATIVE,
        /** NaN in one place, the JSON token {@code NaN} (which Jackson and Triton's writer produce). */
        NAN,
        /** One value fewer than the model's classes, summing to 1. */
        WRONG_LENGTH,
        /** Every value 2 / classes: all within [0, 1], summing to 2, as an output layer without softmax could give. */
        NOT_SUMMING_TO_ONE,
        /** No tensor under the configured output name. */
        NO_OUTPUT
    }

    /** One HTTP request as the server received it. */
    public record RecordedRequest(String method, String path, String body) {
    }

    private String urlProperty = "quarkus.rest-client.model-server.url";
    private String modelName = "fake-bandpower";
    private String modelVersion = "1";
    private String outputName = "probabilities";
    private int classes = 11;

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong partiallyFailed = new AtomicLong();
    private volatile Function<float[], float[]> probabilities = input -> oneHot(0, 0.9f);
    private volatile int failureStatus;
    private volatile Duration delay = Duration.ZERO;
    private volatile Malformation malformation;
    /** Decides per infer call whether it fails with {@link #PARTIAL_FAILURE_STATUS}; null: none does. */
    private volatile PartialFailure partialFailure;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    /** For use as a Quarkus test resource; configured by init args. */
    public FakeModelServer() {
    }

    public FakeModelServer(String modelName, String modelVersion, String outputName, int classes) {
        this.modelName = modelName;
        this.modelVersion = modelVersion;
        this.outputName = outputName;
        this.classes = classes;
        listen();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        urlProperty = initArgs.getOrDefault(URL_PROPERTY, urlProperty);
        modelName = initArgs.getOrDefault(MODEL_NAME, modelName);
        modelVersion = initArgs.getOrDefault(MODEL_VERSION, modelVersion);
        outputName = initArgs.getOrDefault(OUTPUT_NAME, outputName);
        classes = Integer.parseInt(initArgs.getOrDefault(CLASSES, String.valueOf(classes)));
    }

    @Override
    public Map<String, String> start() {
        listen();
        return Map.of(urlProperty, baseUri().toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(FakeModelServer.class));
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        stopListening();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String modelName() {
        return modelName;
    }

    public String modelVersion() {
        return modelVersion;
    }

    /** Answers every infer request with {@code function(first input tensor)} as the output tensor. */
    public void respondWith(Function<float[], float[]> function) {
        this.probabilities = function;
    }

    /** Answers every infer request with {@code confidence} for class {@code index}, the rest spread evenly. */
    public void answerClass(int index, float confidence) {
        respondWith(input -> oneHot(index, confidence));
    }

    /** Answers every request with this HTTP status and a v2 error body; 0 answers normally again. */
    public void failWith(int status) {
        this.failureStatus = status;
    }

    /**
     * Fails every {@code n}-th infer call from now on (the n-th, 2n-th, ...) with {@value #PARTIAL_FAILURE_STATUS};
     * the others are answered normally. Health and metadata requests are not counted.
     */
    public void failEvery(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        long[] calls = { 0 };
        partiallyFailed.set(0);
        partialFailure = () -> {
            synchronized (calls) {
                return ++calls[0] % n == 0;
            }
        };
    }

    /**
     * Fails each infer call from now on with probability {@code fraction} ({@value #PARTIAL_FAILURE_STATUS}), drawn
     * from a generator seeded with {@code seed}: the same calls fail in every run. Health and metadata requests are not
     * counted.
     */
    public void failFraction(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1], was " + fraction);
        }
        Random random = new Random(seed);
        partiallyFailed.set(0);
        partialFailure = () -> {
            synchronized (random) {
                return random.nextDouble() < fraction;
            }
        };
    }

    /** How many infer calls {@link #failEvery} or {@link #failFraction} failed since it was last called. */
    public long partiallyFailedInferRequests() {
        return partiallyFailed.get();
    }

    /** Answers every infer request with output of this kind; null answers normally again. */
    public void answerMalformed(Malformation malformation) {
        this.malformation = malformation;
    }

    /** Waits this long before answering each request. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Answers normally and promptly again (the listener is left as it is). */
    public void heal() {
        failWith(0);
        delay(Duration.ZERO);
        partialFailure = null;
        malformation = null;
    }

    /** Takes the server off its port: connections are refused until {@link #restartListening()}. */
    public synchronized void stopListening() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Listens again on the same port, so clients configured with {@link #baseUri()} find it. */
    public synchronized void restartListening() {
        if (server == null) {
            listen();
        }
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many infer requests arrived (answered or not). */
    public long inferRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/infer")).count();
    }

    /** The first input tensor of an infer request body, as numbers. */
    public static float[] firstInput(String body) {
        Matcher matcher = FIRST_DATA.matcher(body);
        if (!matcher.find() || matcher.group(1).isBlank()) {
            return new float[0];
        }
        String[] parts = matcher.group(1).split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i].trim());
        }
        return values;
    }

    private float[] oneHot(int index, float confidence) {
        float[] p = new float[classes];
        Arrays.fill(p, (1 - confidence) / (classes - 1));
        p[index] = confidence;
        return p;
    }

    private synchronized void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("fake model server could not listen on port " + port, e);
        }
        port = server.getAddress().getPort();
        // a thread per request in flight, so a delayed answer does not hold up the health probe or the next request
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-model-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            requests.add(new RecordedRequest(method, path, body));
            String modelPath = "/v2/models/" + modelName;
            boolean isInfer = method.equals("POST") && path.equals(modelPath + "/infer");
            // decided on arrival: a delayed request of an earlier test, answered late, must not take a later turn
            PartialFailure partial = partialFailure;
            boolean partiallyFails = isInfer && partial != null && partial.failsThisCall();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failureStatus != 0) {
                send(exchange, failureStatus, "{\"error\":\"fake model server told to fail\"}");
                return;
            }
            if (partiallyFails) {
                partiallyFailed.incrementAndGet();
                send(exchange, PARTIAL_FAILURE_STATUS, "{\"error\":\"fake model server fails this call\"}");
                return;
            }
            if (method.equals("GET") && path.equals("/v2/health/ready")) {
                send(exchange, 200, "");
            } else if (method.equals("GET") && path.equals(modelPath)) {
                send(exchange, 200, "{\"name\":\"" + modelName + "\",\"versions\":[\"" + modelVersion
                        + "\"],\"platform\":\"fake\",\"outputs\":[{\"name\":\"" + outputName
                        + "\",\"datatype\":\"FP32\",\"shape\":[1," + classes + "]}]}");
            } else if (isInfer) {
                infer(exchange, body);
            } else {
                send(exchange, 404, "{\"error\":\"no route " + method + " " + path + "\"}");
            }
        }
    }

    private void infer(HttpExchange exchange, String body) throws IOException {
        if (!body.contains("\"inputs\"")) {
            send(exchange, 400, "{\"error\":\"request has no inputs\"}");
            return;
        }
        Malformation malformed = malformation;
        float[] output = probabilities.apply(firstInput(body));
        if (malformed != null) {
            output = malformed(malformed);
        }
        List<String> values = new ArrayList<>(output.length);
        for (float value : output) {
            values.add(Float.toString(value));
        }
        String name = malformed == Malformation.NO_OUTPUT ? outputName + "_other" : outputName;
        send(exchange, 200, "{\"model_name\":\"" + modelName + "\",\"model_version\":\"" + modelVersion
                + "\",\"outputs\":[{\"name\":\"" + name + "\",\"datatype\":\"FP32\",\"shape\":[1,"
                + output.length + "],\"data\":[" + String.join(",", values) + "]}]}");
    }

    /** Each kind breaks one rule of class probabilities and keeps the others, so each rule is tested alone. */
    private float[] malformed(Malformation kind) {
        float[] p = new float[classes];
        switch (kind) {
            case ABOVE_ONE -> p[0] = 1.005f;
            case NEGATIVE -> {
                p[0] = 0.505f;
                p[1] = 0.5f;
                p[2] = -0.005f;
            }
            case NAN -> {
                p = oneHot(0, 0.9f);
                p[1] = Float.NaN;
            }
            case WRONG_LENGTH -> {
                p = new float[classes - 1];
                p[0] = 1;
            }
            case NOT_SUMMING_TO_ONE -> Arrays.fill(p, 2f / classes);
            case NO_OUTPUT -> p = oneHot(0, 0.9f);
        }
        return p;
    }

    @FunctionalInterface
    private interface PartialFailure {
        boolean failsThisCall();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
