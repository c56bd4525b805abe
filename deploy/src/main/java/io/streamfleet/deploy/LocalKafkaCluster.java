package io.streamfleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A Kafka cluster on loopback: N (default 3) KRaft brokers, each a separate {@code kafka.Kafka} process in combined
 * broker+controller mode, all of them voters of the controller quorum. Every broker has a PLAINTEXT listener; in
 * secure mode also an SSL listener that requires a client certificate, inter-broker and controller traffic over mutual
 * TLS with the brokers' certificates, and the {@code StandardAuthorizer} with no access for anyone without an ACL
 * (the brokers and {@code CN=streamfleet-admin} are super users). Certificates come from {@code deploy/local/certs.sh}.
 * <p>
 * As a library (fault and security tests) ports are picked free and kept across {@link #restart(int)}; as a
 * {@code main} (deploy/local/run.sh --cluster) they are fixed, see {@link #main(String[])}.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    /** The super user that creates topics and ACLs; its keystore is {@code <certs>/streamfleet-admin.p12}. */
    public static final String ADMIN_PRINCIPAL = "streamfleet-admin";

    /** Generous: on a loaded 2-core machine three brokers have taken over a minute to start. */
    private static final Duration START_WITHIN = Duration.ofSeconds(180);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    private final Path workDir;
    private final Path certsDir;
    private final String classpath;
    private final String heap;
    private final List<Broker> brokers;
    private volatile boolean closing;

    private LocalKafkaCluster(Builder builder, List<Broker> brokers) {
        this.workDir = builder.workDir;
        this.certsDir = builder.certsDir;
        this.classpath = builder.classpath != null ? builder.classpath : defaultClasspath();
        this.heap = builder.heap;
        this.brokers = brokers;
    }

    /** A cluster whose brokers keep their data, configuration and logs under {@code workDir/broker-<id>}. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public static final class Builder {
        private final Path workDir;
        private int brokerCount = 3;
        private Path certsDir;
        private String classpath;
        private String heap = "384m";
        private int[] basePorts;
        private boolean fresh;

        private Builder(Path workDir) {
            this.workDir = workDir.toAbsolutePath();
        }

        public Builder brokers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one broker");
            }
            this.brokerCount = count;
            return this;
        }

        /** Secure mode with the keystores of {@code deploy/local/certs.sh} in {@code certsDir}. */
        public Builder secure(Path certsDir) {
            this.certsDir = certsDir.toAbsolutePath();
            return this;
        }

        /** Broker i listens on plainBase+i, tlsBase+i, controllerBase+i; without this call, free ports are picked. */
        public Builder fixedPorts(int plainBase, int tlsBase, int controllerBase) {
            this.basePorts = new int[] {plainBase, tlsBase, controllerBase};
            return this;
        }

        /** The brokers' class path; by default the local-stack lib folder that the deploy module's package writes. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /** Deletes what an earlier cluster left in the work folder (data, logs, cluster id) before starting. */
        public Builder fresh() {
            this.fresh = true;
            return this;
        }

        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** Formats storage where needed, starts every broker and waits until all of them have joined. */
        public LocalKafkaCluster start() {
            if (fresh) {
                deleteRecursively(workDir);
            }
            List<Broker> list = new ArrayList<>();
            for (int id = 0; id < brokerCount; id++) {
                int plain = basePorts != null ? basePorts[0] + id : freePort();
                int tls = basePorts != null ? basePorts[1] + id : freePort();
                int controller = basePorts != null ? basePorts[2] + id : freePort();
                list.add(new Broker(id, plain, tls, controller, workDir.resolve("broker-" + id)));
            }
            LocalKafkaCluster cluster = new LocalKafkaCluster(this, list);
            try {
                cluster.startAll();
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    /** One broker process: its id, ports, folder and (while running) process. */
    private static final class Broker {
        final int id;
        final int plainPort;
        final int tlsPort;
        final int controllerPort;
        final Path dir;
        volatile Process process;

        Broker(int id, int plainPort, int tlsPort, int controllerPort, Path dir) {
            this.id = id;
            this.plainPort = plainPort;
            this.tlsPort = tlsPort;
            this.controllerPort = controllerPort;
            this.dir = dir;
        }

        boolean running() {
            Process p = process;
            return p != null && p.isAlive();
        }
    }

    /**
     * Runs {@code deploy/local/certs.sh} (under {@code repositoryRoot}) into {@code certsDir}: the CA, broker and client
     * keystores that {@link Builder#secure(Path)} needs. Idempotent, as the script is.
     */
    public static Path generateCertificates(Path repositoryRoot, Path certsDir) {
        Path script = repositoryRoot.resolve("deploy/local/certs.sh");
        Path log = certsDir.toAbsolutePath().resolveSibling(certsDir.getFileName() + "-certs.log");
        try {
            Files.createDirectories(certsDir.toAbsolutePath().getParent());
            Process process = new ProcessBuilder("bash", script.toString(), certsDir.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return certsDir.toAbsolutePath();
    }

    // --- Addresses and client settings -------------------------------------------------------------------------------

    public boolean secure() {
        return certsDir != null;
    }

    /** PLAINTEXT bootstrap servers of every broker (in secure mode nobody there has any access). */
    public String bootstrap() {
        return brokers.stream().map(b -> "127.0.0.1:" + b.plainPort).collect(Collectors.joining(","));
    }

    /** SSL (mutual TLS) bootstrap servers of every broker; secure mode only. */
    public String tlsBootstrap() {
        requireSecure();
        return brokers.stream().map(b -> "127.0.0.1:" + b.tlsPort).collect(Collectors.joining(","));
    }

    public Path certsDir() {
        requireSecure();
        return certsDir;
    }

    public List<Integer> brokerIds() {
        return brokers.stream().map(b -> b.id).toList();
    }

    /** Client settings with full rights: plain bootstrap, or in secure mode mTLS as {@link #ADMIN_PRINCIPAL}. */
    public Map<String, Object> adminClientConfig() {
        return secure() ? tlsClientConfig(ADMIN_PRINCIPAL) : Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap());
    }

    /**
     * Client settings for the TLS listener: the CA truststore and, unless {@code principal} is null, that principal's
     * keystore from the certificates folder ({@code <principal>.p12}), i.e. the client is {@code User:CN=<principal>}.
     */
    public Map<String, Object> tlsClientConfig(String principal) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, tlsBootstrap());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certsDir.resolve("ca.p12").toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password("ca"));
        if (principal != null) {
            config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
            config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore(principal).toString());
            config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, password(principal));
        }
        return config;
    }

    /** {@code <certs>/<principal>.p12}: the keystore a service is given as KAFKA_KEYSTORE_PATH. */
    public Path keystore(String principal) {
        requireSecure();
        return certsDir.resolve(principal + ".p12");
    }

    /** The password of {@code <certs>/<name>.p12}, from {@code <certs>/<name>.password}. */
    public String password(String name) {
        requireSecure();
        try {
            return Files.readString(certsDir.resolve(name + ".password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no password file for " + name + " in " + certsDir
                    + " (run deploy/local/certs.sh)", e);
        }
    }

    // --- Topics and ACLs ---------------------------------------------------------------------------------------------

    /**
     * Creates the topics of a topic list file ({@code deploy/topics.txt}) that are missing, with replication factor 3
     * and {@code min.insync.replicas} 2 (fewer when the cluster has fewer brokers).
     */
    public void createTopics(Path topicsFile, Duration within) {
        try {
            int failures = TopicCreator.create(adminClientConfig(), TopicCreator.read(topicsFile),
                    (short) replicationFactor(), Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                            Integer.toString(minInSyncReplicas())), within);
            if (failures > 0) {
                throw new IllegalStateException(failures + " topics of " + topicsFile + " could not be created");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("creating the topics of " + topicsFile + ": "
                    + TopicCreator.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Applies the ACLs of the Strimzi KafkaUser manifests in {@code usersDir} (the one ACL source, see
     * {@link KafkaUserAcls}); returns the bindings applied. Secure mode only.
     */
    public List<AclBinding> applyAcls(Path usersDir) {
        requireSecure();
        List<AclBinding> bindings = KafkaUserAcls.read(usersDir);
        try (Admin admin = admin()) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("applying the ACLs of " + usersDir + ": " + TopicCreator.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return bindings;
    }

    /** The topic names of a topic list file ({@code deploy/topics.txt}), in file order. */
    public static List<String> topicNames(Path topicsFile) {
        try {
            return TopicCreator.read(topicsFile).stream().map(TopicCreator.TopicSpec::name).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int replicationFactor() {
        return Math.min(3, brokers.size());
    }

    public int minInSyncReplicas() {
        return Math.min(2, brokers.size());
    }

    /** An admin client with full rights (see {@link #adminClientConfig()}); the caller closes it. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(adminClientConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    // --- Faults ------------------------------------------------------------------------------------------------------

    /** The id of the active KRaft controller (the metadata quorum's leader); every broker is also a controller here. */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(15, TimeUnit.SECONDS).leaderId();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("describing the metadata quorum: " + TopicCreator.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The id of the broker leading a partition, empty while it has no leader. */
    public OptionalInt leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(15, TimeUnit.SECONDS).get(topic);
            Node leader = description.partitions().get(partition).leader();
            return leader == null || leader.isEmpty() ? OptionalInt.empty() : OptionalInt.of(leader.id());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("describing " + topic + ": " + TopicCreator.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code kill -9} of one broker (SIGKILL: no shutdown, no flush); returns once the process is gone. */
    public void kill(int brokerId) {
        Broker broker = broker(brokerId);
        Process process = broker.process;
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("broker " + brokerId + " survived SIGKILL for 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isRunning(int brokerId) {
        return broker(brokerId).running();
    }

    /** Starts a stopped or killed broker again, same ports and data, and waits until it has rejoined the cluster. */
    public void restart(int brokerId) {
        Broker broker = broker(brokerId);
        if (broker.running()) {
            throw new IllegalStateException("broker " + brokerId + " is running");
        }
        launch(broker);
        awaitRegistered(List.of(broker), START_WITHIN);
    }

    /** Waits until every partition of every topic has all its replicas in sync again (e.g. after a restart). */
    public void awaitFullyReplicated(Duration within) {
        Instant giveUpAt = Instant.now().plus(within);
        String lagging = "";
        try (Admin admin = admin()) {
            while (Instant.now().isBefore(giveUpAt)) {
                try {
                    Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    Collection<TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                            .get(10, TimeUnit.SECONDS).values();
                    lagging = topics.stream().flatMap(t -> t.partitions().stream()
                            .filter(p -> p.isr().size() < p.replicas().size())
                            .map(p -> t.name() + "-" + p.partition()))
                            .limit(5).collect(Collectors.joining(", "));
                    if (lagging.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lagging = TopicCreator.rootMessage(e);
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        throw new IllegalStateException("not fully replicated within " + within + ": " + lagging);
    }

    /** Stops every broker: SIGTERM to all, then SIGKILL to those still running after 30 s. */
    @Override
    public void close() {
        closing = true;
        for (Broker broker : brokers) {
            if (broker.running()) {
                broker.process.destroy();
            }
        }
        long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
        for (Broker broker : brokers) {
            Process process = broker.process;
            if (process == null) {
                continue;
            }
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    // --- Starting ----------------------------------------------------------------------------------------------------

    private void startAll() {
        try {
            Files.createDirectories(workDir);
            Path clusterIdFile = workDir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(clusterIdFile).strip();
            for (Broker broker : brokers) {
                Files.createDirectories(broker.dir.resolve("data"));
                Files.writeString(broker.dir.resolve("server.properties"), serverProperties(broker));
            }
            // Formatting is a JVM start each: run them side by side.
            List<CompletableFuture<Void>> formats = brokers.stream()
                    .filter(b -> !Files.exists(b.dir.resolve("data").resolve("meta.properties")))
                    .map(b -> CompletableFuture.runAsync(() -> format(b, clusterId))).toList();
            CompletableFuture.allOf(formats.toArray(CompletableFuture[]::new)).join();
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + workDir, e);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        brokers.forEach(this::launch);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-kafka-cluster-stop"));
        awaitRegistered(brokers, START_WITHIN);
    }

    private void format(Broker broker, String clusterId) {
        Path log = broker.dir.resolve("format.log");
        List<String> command = List.of(java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", broker.dir.resolve("server.properties").toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting broker " + broker.id + " failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void launch(Broker broker) {
        List<String> command = List.of(java(), "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                broker.dir.resolve("server.properties").toString());
        try {
            broker.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("broker-" + broker.id + ".log")
                            .toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start broker " + broker.id, e);
        }
    }

    /** Waits until the given brokers are registered (unfenced) with the controller. */
    private void awaitRegistered(List<Broker> expected, Duration within) {
        Set<Integer> ids = expected.stream().map(b -> b.id).collect(Collectors.toSet());
        Instant giveUpAt = Instant.now().plus(within);
        String last = "no answer yet";
        try (Admin admin = admin()) {
            while (Instant.now().isBefore(giveUpAt)) {
                for (Broker broker : expected) {
                    if (!broker.running()) {
                        throw new IllegalStateException("broker " + broker.id + " exited with "
                                + broker.process.exitValue() + ": see " + workDir.resolve("broker-" + broker.id
                                        + ".log"));
                    }
                }
                try {
                    Set<Integer> registered = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                            .map(Node::id).collect(Collectors.toSet());
                    if (registered.containsAll(ids)) {
                        return;
                    }
                    last = "registered: " + registered;
                } catch (ExecutionException | TimeoutException e) {
                    last = TopicCreator.rootMessage(e);
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        throw new IllegalStateException("brokers " + ids + " not up within " + within + " (" + last + "); logs in "
                + workDir);
    }

    private String serverProperties(Broker broker) {
        String voters = brokers.stream().map(b -> b.id + "@127.0.0.1:" + b.controllerPort)
                .collect(Collectors.joining(","));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", broker.id);
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", broker.dir.resolve("data"));
        if (secure()) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + broker.plainPort + ",SSL://127.0.0.1:" + broker.tlsPort
                    + ",CONTROLLER://127.0.0.1:" + broker.controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker.plainPort + ",SSL://127.0.0.1:"
                    + broker.tlsPort);
            // Brokers talk to each other and to the controllers with their own certificates (super users), so the
            // plain listener's ANONYMOUS principal never needs a right.
            p.put("listener.security.protocol.map", "CONTROLLER:SSL,PLAINTEXT:PLAINTEXT,SSL:SSL");
            p.put("inter.broker.listener.name", "SSL");
            p.put("ssl.client.auth", "required");
            p.put("ssl.keystore.type", "PKCS12");
            p.put("ssl.keystore.location", certsDir.resolve("kafka-broker-" + broker.id + ".p12"));
            p.put("ssl.keystore.password", password("kafka-broker-" + broker.id));
            p.put("ssl.truststore.type", "PKCS12");
            p.put("ssl.truststore.location", certsDir.resolve("ca.p12"));
            p.put("ssl.truststore.password", password("ca"));
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("allow.everyone.if.no.acl.found", "false");
            p.put("super.users", "User:CN=" + ADMIN_PRINCIPAL + ";" + brokers.stream()
                    .map(b -> "User:CN=kafka-broker-" + b.id).collect(Collectors.joining(";")));
        } else {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + broker.plainPort + ",CONTROLLER://127.0.0.1:"
                    + broker.controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker.plainPort);
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
        }
        int rf = replicationFactor();
        int minIsr = minInSyncReplicas();
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", 1);
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", minIsr);
        p.put("unclean.leader.election.enable", "false");
        p.put("offsets.topic.replication.factor", rf);
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("group.initial.rebalance.delay.ms", 0);
        // A killed broker is fenced (and its partitions get new leaders) after this session timeout, not the default
        // 9 s: the fault tests measure how soon delivery resumes. When the killed broker was also the active controller,
        // the other voters first notice its silence (controller.quorum.fetch.timeout.ms, 2 s by default, 1 s here) and
        // elect a new one, which then gives every broker a fresh session: about 1 + 3 s before the partitions' leaders
        // move. An election the two survivors split (both ask at once) is retried after the election timeout and a
        // random backoff, 1 s each by default: 500 ms here, or a split adds seconds (seen: 5.7 s instead of 4).
        // Six heartbeats per session, and a leader that answers its voters' fetches at least every 500 ms, so that a
        // busy machine still neither fences a live broker nor deposes a live controller.
        p.put("broker.heartbeat.interval.ms", 500);
        p.put("broker.session.timeout.ms", 3000);
        p.put("controller.quorum.fetch.timeout.ms", 1000);
        p.put("controller.quorum.election.timeout.ms", 500);
        p.put("controller.quorum.election.backoff.max.ms", 500);
        StringBuilder text = new StringBuilder("# Written by io.streamfleet.deploy.LocalKafkaCluster on every start.\n");
        p.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private Broker broker(int id) {
        return brokers.stream().filter(b -> b.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + id + " (brokers " + brokerIds() + ")"));
    }

    private void requireSecure() {
        if (!secure()) {
            throw new IllegalStateException("the cluster runs without TLS (builder.secure(certsDir) not called)");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code deploy/target/local-stack/lib/*}, found from where this class was loaded: that folder itself (run.sh), or
     * {@code deploy/target/classes} / {@code deploy/target/*.jar} (tests in the reactor). {@code -Dstreamfleet.kafka.lib}
     * names another folder.
     */
    static String defaultClasspath() {
        String override = System.getProperty("streamfleet.kafka.lib");
        if (override != null) {
            return Path.of(override).toAbsolutePath() + "/*";
        }
        Path origin;
        try {
            origin = Path.of(LocalKafkaCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Path dir = origin.getParent(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir, dir.resolve("local-stack").resolve("lib"))) {
                if (hasKafka(candidate)) {
                    return candidate + "/*";
                }
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("deploy")) {
                break;
            }
        }
        throw new IllegalStateException("no Kafka lib folder near " + origin
                + ": package the deploy module first (./mvnw -pl deploy -am package -DskipTests)");
    }

    private static boolean hasKafka(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * A free loopback port below Linux's ephemeral range (32768-60999). A port the kernel hands out for bind(0) comes
     * from that range, where any outgoing connection may take it before the broker binds it: seen in CI as "Address
     * already in use" on a broker's start.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Command line ------------------------------------------------------------------------------------------------

    /**
     * Runs a cluster until SIGTERM/Ctrl-C, used by {@code deploy/local/run.sh --cluster}:
     * <pre>
     * java -cp 'deploy/target/local-stack/lib/*' io.streamfleet.deploy.LocalKafkaCluster --dir DIR
     *      [--brokers 3] [--topics deploy/topics.txt] [--certs DIR --users deploy/k8s/base/kafka/users]
     * </pre>
     * Broker i listens on 127.0.0.1: PLAINTEXT 9092+i, SSL 9192+i (with --certs), controller 9292+i. With --certs the
     * cluster is secure and the ACLs of the KafkaUser manifests in --users are applied. Prints a line starting
     * {@code LocalKafkaCluster: ready} once the topics and ACLs are in place; exits non-zero if a broker dies.
     */
    public static void main(String[] args) throws InterruptedException {
        // The admin client's retries while the brokers start are noise here; the brokers log to their own files.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: LocalKafkaCluster --dir DIR [--brokers N] [--topics FILE]"
                        + " [--certs DIR --users DIR]");
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (!options.containsKey("dir")) {
            System.err.println("LocalKafkaCluster: --dir is required");
            System.exit(2);
        }
        Builder builder = builder(Path.of(options.get("dir")))
                .brokers(Integer.parseInt(options.getOrDefault("brokers", "3")))
                .fixedPorts(9092, 9192, 9292);
        if (options.containsKey("certs")) {
            builder.secure(Path.of(options.get("certs")));
        }
        LocalKafkaCluster cluster = builder.start();
        System.out.println("LocalKafkaCluster: " + cluster.brokers.size() + " brokers up; plain " + cluster.bootstrap()
                + (cluster.secure() ? "; tls " + cluster.tlsBootstrap() : ""));
        if (options.containsKey("topics")) {
            cluster.createTopics(Path.of(options.get("topics")), START_WITHIN);
        }
        if (cluster.secure() && options.containsKey("users")) {
            List<AclBinding> acls = cluster.applyAcls(Path.of(options.get("users")));
            System.out.println("LocalKafkaCluster: " + acls.size() + " ACLs applied from " + options.get("users"));
            acls.forEach(acl -> System.out.println("  " + acl.entry().principal() + " " + acl.entry().permissionType()
                    + " " + acl.entry().operation() + " " + acl.pattern().resourceType() + ":"
                    + acl.pattern().patternType() + ":" + acl.pattern().name()));
        }
        System.out.println("LocalKafkaCluster: ready");
        // A broker that dies ends the whole cluster (the shutdown hook stops the others), so run.sh notices.
        CompletableFuture<?> anyExit = CompletableFuture.anyOf(IntStream.range(0, cluster.brokers.size())
                .mapToObj(i -> cluster.brokers.get(i).process.onExit()).toArray(CompletableFuture[]::new));
        try {
            Process dead = (Process) anyExit.get();
            if (cluster.closing) {
                return;
            }
            System.err.println("LocalKafkaCluster: a broker exited with " + dead.exitValue() + "; stopping");
            System.exit(1);
        } catch (ExecutionException e) {
            System.exit(1);
        }
    }
}
