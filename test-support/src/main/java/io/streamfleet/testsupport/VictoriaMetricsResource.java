package io.streamfleet.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real VictoriaMetrics single node (the Debian package's {@code /usr/bin/victoria-metrics}) on a free loopback port,
 * with its data in a fresh directory under {@code target/}. Usable as a Quarkus test resource (it sets
 * {@value #URL_PROPERTY}) or directly from a plain test ({@code new VictoriaMetricsResource().start()}).
 * <p>
 * Started with the flags tests need: {@code -retentionPeriod=100y} (old device timestamps are kept),
 * {@code -search.latencyOffset=0s} (fresh samples are visible at once), {@code -search.disableCache}, and
 * {@code -dedup.minScrapeInterval=1ms}: without it VictoriaMetrics stores a sample written twice twice, so a replayed
 * topic would count double; with it, one sample per series and millisecond survives, as in a production setup
 * that relies on replays being idempotent. Init arg {@value #FLAGS} adds flags (space separated).
 * <p>
 * {@link #stop()} and {@link #start()} may be called again by a test to simulate an outage: the process comes back on
 * the same port with the same data. Fields of type {@link VictoriaMetricsResource} annotated
 * {@link InjectVictoriaMetrics} receive the running instance.
 */
public class VictoriaMetricsResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration property the service reads its VictoriaMetrics base URL from. */
    public static final String URL_PROPERTY = "streamfleet.telemetry.victoria-metrics.url";
    /** Init arg: extra command-line flags, space separated (e.g. {@code -influx.maxLineSize=32KB}). */
    public static final String FLAGS = "flags";
    /** System property or environment variable naming another binary than the Debian package's. */
    public static final String BINARY_PROPERTY = "victoria-metrics.binary";

    private static final String DEFAULT_BINARY = "/usr/bin/victoria-metrics";
    private static final List<String> TEST_FLAGS = List.of("-retentionPeriod=100y", "-search.latencyOffset=0s",
            "-search.disableCache", "-dedup.minScrapeInterval=1ms", "-loggerLevel=WARN");
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Marks a {@link VictoriaMetricsResource} field that the resource fills in with itself. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectVictoriaMetrics {
    }

    /** One stored sample: epoch milliseconds and value. */
    public record Sample(long timestamp, double value) {
    }

    /** One exported series: its labels (including {@code __name__}) and samples in time order. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> extraFlags = new ArrayList<>();
    private Path dataDir;
    private Path logFile;
    private int port;
    private Process process;

    @Override
    public void init(Map<String, String> initArgs) {
        String flags = initArgs.getOrDefault(FLAGS, "").trim();
        if (!flags.isEmpty()) {
            extraFlags.addAll(Arrays.asList(flags.split("\\s+")));
        }
    }

    /** Adds command-line flags for plain (non-Quarkus) use; call before the first {@link #start()}. */
    public VictoriaMetricsResource withFlags(String... flags) {
        extraFlags.addAll(Arrays.asList(flags));
        return this;
    }

    /**
     * Starts the process and waits until {@code /health} answers. The first call picks the port and the data
     * directory; later calls (after {@link #stop()}) reuse both.
     */
    @Override
    public synchronized Map<String, String> start() {
        if (process != null && process.isAlive()) {
            return Map.of(URL_PROPERTY, url());
        }
        Path binary = Path.of(System.getProperty(BINARY_PROPERTY,
                System.getenv().getOrDefault("VICTORIA_METRICS_BINARY", DEFAULT_BINARY)));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("VictoriaMetrics binary " + binary + " not found: install it with "
                    + "`apt-get install victoria-metrics` (Debian package), or point -D" + BINARY_PROPERTY + " at one");
        }
        try {
            if (dataDir == null) {
                port = freePort();
                // java.io.tmpdir is target/ in this build, so the data stays with the module's build output
                dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "victoria-metrics-");
                logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
                // A child process outlives the JVM unless stopped: on any exit, stop it and drop its data.
                Path toDelete = dataDir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop();
                    deleteRecursively(toDelete);
                }));
            }
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "-httpListenAddr=127.0.0.1:" + port, "-storageDataPath=" + dataDir));
            command.addAll(TEST_FLAGS);
            command.addAll(extraFlags);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        awaitHealthy();
        return Map.of(URL_PROPERTY, url());
    }

    private void awaitHealthy() {
        try {
            await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(50)).until(this::healthyOrDead);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("victoria-metrics did not answer /health on " + url() + " within "
                    + START_DEADLINE.toSeconds() + " s; its log " + logFile + " ends with:\n" + logTail());
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("victoria-metrics exited with " + process.exitValue()
                    + " during startup; its log " + logFile + " ends with:\n" + logTail());
        }
    }

    private boolean healthyOrDead() {
        if (!process.isAlive()) {
            return true;
        }
        try {
            return get("/health").statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** Stops the process gracefully (it flushes its data); the port and data directory stay reserved for a restart. */
    @Override
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(InjectVictoriaMetrics.class, VictoriaMetricsResource.class));
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}; valid after the first {@link #start()}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Makes everything written so far searchable, then exports every series matching the selector (a PromQL series
     * selector such as {@code satellite_temperature{satellite_id="SAT-001"}}), each with its samples in time order.
     */
    public List<Series> exportSeries(String selector) {
        try {
            HttpResponse<String> flushed = get("/internal/force_flush");
            if (flushed.statusCode() / 100 != 2) {
                throw new IllegalStateException("force_flush answered " + flushed.statusCode());
            }
            HttpResponse<String> export = get("/api/v1/export?match[]="
                    + URLEncoder.encode(selector, StandardCharsets.UTF_8));
            if (export.statusCode() != 200) {
                throw new IllegalStateException("export of " + selector + " answered " + export.statusCode() + ": "
                        + export.body());
            }
            List<Series> series = new ArrayList<>();
            for (String line : export.body().split("\n")) {
                if (!line.isBlank()) {
                    series.add(parseSeries(JSON.readTree(line)));
                }
            }
            return series;
        } catch (IOException e) {
            throw new UncheckedIOException("could not export " + selector + " from " + url(), e);
        }
    }

    /** The samples of every series matching the selector, in time order (meant for a selector naming one series). */
    public List<Sample> export(String selector) {
        return exportSeries(selector).stream().flatMap(s -> s.samples().stream())
                .sorted(Comparator.comparingLong(Sample::timestamp)).toList();
    }

    /**
     * Polls {@link #export(String)} until at least {@code count} samples match or the deadline passes (a flushed
     * sample can take about 2 s to become exportable); returns what the last poll found either way.
     */
    public List<Sample> awaitSamples(String selector, int count, Duration deadline) {
        try {
            return await().atMost(deadline).pollInterval(Duration.ofMillis(200))
                    .until(() -> export(selector), samples -> samples.size() >= count);
        } catch (ConditionTimeoutException e) {
            return export(selector);
        }
    }

    private static Series parseSeries(JsonNode line) {
        Map<String, String> labels = new TreeMap<>();
        line.get("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        JsonNode values = line.get("values");
        JsonNode timestamps = line.get("timestamps");
        List<Sample> samples = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            samples.add(new Sample(timestamps.get(i).asLong(), values.get(i).asDouble()));
        }
        samples.sort(Comparator.comparingLong(Sample::timestamp));
        return new Series(labels, samples);
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it lives under target/
        }
    }
}
