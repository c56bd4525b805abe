package io.streamfleet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of a topic list file that a broker does not have yet; existing topics are left as they are
 * (a partition count that differs from the file is reported, never changed). Waits for the broker up to a deadline.
 * <pre>
 * java -cp 'deploy/target/local-stack/lib/*' io.streamfleet.deploy.TopicCreator BOOTSTRAP TOPICS_FILE
 *      [REPLICATION_FACTOR (default 1)] [DEADLINE_SECONDS (default 60)]
 * </pre>
 * Exit codes: 0 all topics present, 1 broker not reachable in time or a creation failed, 2 bad arguments or file.
 */
public final class TopicCreator {

    /** One line of the topic list file. */
    record TopicSpec(String name, int partitions) {
    }

    private TopicCreator() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: TopicCreator BOOTSTRAP_SERVERS TOPICS_FILE [REPLICATION_FACTOR (default 1)]"
                    + " [DEADLINE_SECONDS (default 60)]");
            System.exit(2);
        }
        String bootstrap = args[0];
        List<TopicSpec> specs;
        short replicationFactor;
        Duration deadline;
        try {
            specs = parse(Files.readAllLines(Path.of(args[1])));
            replicationFactor = args.length > 2 ? Short.parseShort(args[2]) : 1;
            deadline = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("TopicCreator: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), specs, replicationFactor,
                    Map.of(), deadline));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            System.err.println("TopicCreator: " + rootMessage(e));
            System.exit(1);
        }
    }

    /**
     * Parses {@code name partitions} lines; {@code #} starts a comment, blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line, for a malformed line or a topic listed twice
     */
    static List<TopicSpec> parse(List<String> lines) {
        List<TopicSpec> specs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'name partitions', got: " + line);
            }
            int partitions;
            try {
                partitions = Integer.parseInt(fields[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": partitions is not a number: " + line);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("line " + (i + 1) + ": partitions must be at least 1: " + line);
            }
            if (!seen.add(fields[0])) {
                throw new IllegalArgumentException("line " + (i + 1) + ": topic listed twice: " + fields[0]);
            }
            specs.add(new TopicSpec(fields[0], partitions));
        }
        return specs;
    }

    /** Reads a topic list file; see {@link #parse(List)}. */
    static List<TopicSpec> read(Path topicsFile) throws IOException {
        return parse(Files.readAllLines(topicsFile));
    }

    /**
     * Creates the missing topics with {@code topicConfigs} (e.g. {@code min.insync.replicas}) through an admin client
     * made from {@code adminConfig} (bootstrap servers, and the TLS settings of a secured cluster).
     *
     * @return 0 when every topic is present, 1 when a creation failed
     */
    static int create(Map<String, Object> adminConfig, List<TopicSpec> specs, short replicationFactor,
            Map<String, String> topicConfigs, Duration deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant giveUpAt = Instant.now().plus(deadline);
        String bootstrap = String.valueOf(adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        Admin admin = Admin.create(config);
        try {
            Set<String> existing = existingTopics(admin, bootstrap, giveUpAt);

            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(topicConfigs))
                    .toList();
            int failures = 0;
            if (!missing.isEmpty()) {
                Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
                for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                    try {
                        result.getValue().get(remaining(giveUpAt), TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        // Created meanwhile by someone else: as good as created by us.
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            failures++;
                            System.err.println("TopicCreator: could not create " + result.getKey() + ": "
                                    + rootMessage(e));
                        }
                    }
                }
            }
            reportPartitionMismatches(admin, specs, existing, giveUpAt);
            System.out.printf("TopicCreator: %d topics in %s: %d already there, %d created%s%n", specs.size(),
                    bootstrap, specs.size() - missing.size(), missing.size() - failures,
                    failures > 0 ? ", " + failures + " FAILED" : "");
            return failures > 0 ? 1 : 0;
        } finally {
            // Bounded: a plain close() waits for calls still pending against an unreachable broker.
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Lists topics, retrying until the broker answers or the deadline passes. */
    private static Set<String> existingTopics(Admin admin, String bootstrap, Instant giveUpAt)
            throws InterruptedException, TimeoutException {
        Exception last = null;
        while (Instant.now().isBefore(giveUpAt)) {
            try {
                // Each attempt ends by itself after default.api.timeout.ms with the client's reason.
                return admin.listTopics().names().get(remaining(giveUpAt), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                last = e;
                Thread.sleep(500);
            } catch (TimeoutException e) {
                break;
            }
        }
        throw new TimeoutException("Kafka at " + bootstrap + " did not answer in time"
                + (last != null ? " (" + rootMessage(last) + ")" : ""));
    }

    private static void reportPartitionMismatches(Admin admin, List<TopicSpec> specs, Set<String> existing,
            Instant giveUpAt) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        if (names.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(remaining(giveUpAt), TimeUnit.MILLISECONDS);
        for (TopicSpec spec : specs) {
            TopicDescription description = descriptions.get(spec.name());
            if (description != null && description.partitions().size() != spec.partitions()) {
                System.err.printf("TopicCreator: note: %s has %d partitions, the file says %d (left unchanged)%n",
                        spec.name(), description.partitions().size(), spec.partitions());
            }
        }
    }

    private static long remaining(Instant giveUpAt) {
        return Math.max(1, Duration.between(Instant.now(), giveUpAt).toMillis());
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }
}
