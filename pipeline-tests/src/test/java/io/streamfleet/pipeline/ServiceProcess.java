package io.streamfleet.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One packaged streamfleet service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its own JVM
 * process, in the {@code prod} profile, configured only through its environment, as a deployment runs it.
 * Its output goes to {@code target/services/<module>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    // Logs written by this JVM: a second start of a module gets its own file; older runs' logs are overwritten.
    private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();
    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();

    private final String module;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String module, int httpPort, Path log, Process process) {
        this.module = module;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the service and waits until {@code /q/health/ready} answers 200. {@code systemProperties} carry what an
     * environment variable cannot name well (map keys such as {@code streamfleet.drone.drones."tello-1".address}).
     */
    static ServiceProcess start(String module, Map<String, String> environment, Map<String, String> systemProperties,
            Duration readyWithin) {
        Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first (./mvnw package)");
        }
        int port = freePort();
        Path log = logFileFor(module);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(environment);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            ServiceProcess service = new ServiceProcess(module, port, log, builder.start());
            service.awaitReady(readyWithin);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    String module() {
        return module;
    }

    private void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + " during startup:\n"
                        + tail());
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + module, e);
            }
        }
        String readiness = body("/q/health/ready");
        close();
        throw new IllegalStateException(module + " was not ready within " + within + "; readiness said " + readiness
                + "\n" + tail());
    }

    // Generous: telemetry-sink's readiness (seven channels verifying their topics, 2 s deadline each) can take longer
    // than 2 s to answer on a loaded machine although it is UP.
    private int status(String path) {
        return status(path, 10_000);
    }

    private int status(String path, int readTimeoutMillis) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(readTimeoutMillis);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** The body of a GET on this service (e.g. which health check is DOWN), or why there is none. */
    private String body(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(10_000);
            try {
                var stream = connection.getResponseCode() < 400 ? connection.getInputStream()
                        : connection.getErrorStream();
                return stream == null ? "(no body)" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return "(no answer: " + e.getMessage() + ")";
        }
    }

    /** The last lines the service logged, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The HTTP status of a GET on this service, or -1 when it does not answer within {@code readTimeout}. */
    int statusOf(String path, Duration readTimeout) {
        return status(path, (int) readTimeout.toMillis());
    }

    /** {@code kill -9}: no shutdown hook, no commit, no flush; in-flight work is simply gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(module + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + module, e);
        }
    }

    /** {@code kill -STOP}: the process stops dead (a stalled stage) until {@link #thaw()}. */
    void freeze() {
        signal("STOP");
    }

    /** {@code kill -CONT} after {@link #freeze()}. */
    void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + module + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + module, e);
        }
    }

    /** The process's resident set size (VmRSS in /proc/<pid>/status), in bytes. */
    long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS for " + module));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of " + module, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Runs a command-line class shipped in a service's packaged app (its {@code app/} and {@code lib/main/} jars) to
     * completion and returns its output; fails with that output if it exits non-zero or outlives {@code within}.
     */
    static String runMain(String module, String mainClass, Duration within, String... args) {
        Path app = ROOT.resolve(module).resolve("target/quarkus-app");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*", mainClass));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(Path.of("target"), mainClass.substring(mainClass.lastIndexOf('.') + 1), ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
            boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output);
            if (!exited || process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + (exited ? " exited with " + process.exitValue()
                        : " did not finish within " + within) + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + mainClass, e);
        }
    }

    /** target/services/<module>.log, or <module>-2.log, ... when the module ran before (e.g. a restart after a kill). */
    private static Path logFileFor(String module) {
        Path directory = Path.of("target", "services").toAbsolutePath();
        Path log = directory.resolve(module + ".log");
        for (int run = 2; Files.exists(log) && STARTED.contains(log); run++) {
            log = directory.resolve(module + "-" + run + ".log");
        }
        STARTED.add(log);
        return log;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
