package io.streamfleet.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plaintext 3-broker cluster the fault tests use: every topic of deploy/topics.txt replicated 3 times with
 * min.insync.replicas 2, and a partition leader killed with SIGKILL hands leadership over and comes back in sync.
 */
class LocalKafkaClusterIT {

    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();

    private static LocalKafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LocalKafkaCluster.builder(Path.of("target", "local-kafka-cluster-it")).fresh().start();
        cluster.createTopics(ROOT.resolve("deploy/topics.txt"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyTopicHasThreeReplicasAndMinInSyncReplicasTwo() throws Exception {
        List<String> topics = TopicCreator.read(ROOT.resolve("deploy/topics.txt")).stream()
                .map(TopicCreator.TopicSpec::name).toList();
        try (Admin admin = cluster.admin()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(20, TimeUnit.SECONDS);
            assertEquals(topics.size(), descriptions.size());
            descriptions.values().forEach(topic -> topic.partitions().forEach(partition -> assertEquals(3,
                    partition.replicas().size(), topic.name() + "-" + partition.partition() + " replicas")));
            List<ConfigResource> resources = topics.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(20, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> assertEquals("2", config.get("min.insync.replicas").value(),
                    resource.name() + " min.insync.replicas"));
        }
    }

    @Test
    void killedLeaderIsReplacedAndRejoinsAfterRestart() throws Exception {
        int leader = cluster.leaderOf("widget-orders", 0).orElseThrow();
        cluster.kill(leader);
        assertFalse(cluster.isRunning(leader));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            OptionalInt now = cluster.leaderOf("widget-orders", 0);
            return now.isPresent() && now.getAsInt() != leader;
        });
        // With one broker down, 2 replicas are still in sync: acks=all writes are accepted.
        Map<String, Object> config = new HashMap<>(cluster.adminClientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("widget-orders", 0, "Fred", "{}")).get(30, TimeUnit.SECONDS);
        }

        cluster.restart(leader);
        assertTrue(cluster.isRunning(leader));
        cluster.awaitFullyReplicated(Duration.ofSeconds(60));
        assertNotEquals(OptionalInt.empty(), cluster.leaderOf("widget-orders", 0));
    }
}
