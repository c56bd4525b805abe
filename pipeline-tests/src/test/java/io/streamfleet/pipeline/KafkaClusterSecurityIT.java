package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.streamfleet.deploy.LocalKafkaCluster;
import io.streamfleet.testsupport.MongoServerResource;

/**
 * The secure 3-broker cluster of {@code run.sh --cluster}: mutual TLS on the SSL listener, the StandardAuthorizer with
 * the ACLs of the KafkaUser manifests (deploy/k8s/base/kafka/users), nothing for anyone else. Shows who gets in and
 * what each certificate may do, and one packaged service (prod profile) working end to end with its own certificate.
 */
class KafkaClusterSecurityIT {

    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "kafka-cluster-security-it").toAbsolutePath();
    private static final Duration DENIED_WITHIN = Duration.ofSeconds(30);

    private static LocalKafkaCluster cluster;

    @BeforeAll
    static void startSecureCluster() {
        Path certs = LocalKafkaCluster.generateCertificates(ROOT, WORK.resolve("certs"));
        cluster = LocalKafkaCluster.builder(WORK.resolve("cluster")).fresh().secure(certs).start();
        cluster.createTopics(ROOT.resolve("deploy/topics.txt"), Duration.ofSeconds(60));
        cluster.applyAcls(ROOT.resolve("deploy/k8s/base/kafka/users"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyTopicIsReplicatedThreeTimesWithMinInSyncReplicasTwo() throws Exception {
        List<String> topics = LocalKafkaCluster.topicNames(ROOT.resolve("deploy/topics.txt"));
        try (Admin admin = cluster.admin()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(20, TimeUnit.SECONDS);
            assertEquals(Set.copyOf(topics), descriptions.keySet());
            descriptions.values().forEach(topic -> topic.partitions().forEach(partition -> assertEquals(3,
                    partition.replicas().size(), topic.name() + "-" + partition.partition() + " replicas")));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all()
                    .get(20, TimeUnit.SECONDS);
            configs.forEach((topic, config) -> assertEquals("2", config.get("min.insync.replicas").value(),
                    topic.name() + " min.insync.replicas"));
        }
    }

    @Test
    void clientWithoutCertificateIsRefusedByTheTlsListener() {
        Map<String, Object> config = new HashMap<>(cluster.tlsClientConfig(null));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void anonymousClientOnThePlainListenerCanNeitherProduceNorConsume() {
        Map<String, Object> plain = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
        assertProduceDenied(plain, "widget-orders");
        assertConsumeDenied(plain, "widget-orders", "widget-order-service");
    }

    @Test
    void intruderCertificateIsAuthenticatedButSeesAndMayDoNothing() throws Exception {
        Map<String, Object> intruder = cluster.tlsClientConfig("intruder");
        try (Admin admin = Admin.create(intruder)) {
            // The TLS handshake succeeds (same CA): the cluster answers, but lists no topic to a principal without ACLs.
            assertEquals(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            assertEquals(Set.of(), admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
        assertProduceDenied(intruder, "widget-orders");
        assertConsumeDenied(intruder, "eeg-features", "prediction-service");
    }

    @Test
    void predictionServiceCertificateGetsExactlyItsTopicsAndGroup() throws Exception {
        Map<String, Object> prediction = cluster.tlsClientConfig("prediction-service");

        assertProduceDenied(prediction, "widget-orders");
        assertConsumeDenied(prediction, "eeg-brainwave-data", "prediction-service");
        // Its own topic, but another service's consumer group.
        assertConsumeDeniedWith(GroupAuthorizationException.class, prediction, "eeg-features", "drone-command-service");

        produce(prediction, "prediction-results", "h1", "{\"command\":\"HOVER\"}");
        String marker = "features-" + UUID.randomUUID();
        produce(cluster.adminClientConfig(), "eeg-features", "h1", marker);
        assertTrue(consumeUntil(prediction, "eeg-features", "prediction-service", marker),
                "prediction-service did not read eeg-features in its own group");
    }

    @Test
    void packagedWidgetOrderServiceStoresAnOrderOverMutualTlsWithItsOwnCertificate() throws Exception {
        MongoServerResource mongo = new MongoServerResource();
        mongo.init(Map.of());
        String mongoUri = mongo.start().get("quarkus.mongodb.connection-string");
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", cluster.tlsBootstrap());
        env.put("KAFKA_SECURITY_PROTOCOL", "SSL");
        env.put("KAFKA_TRUSTSTORE_PATH", cluster.certsDir().resolve("ca.p12").toString());
        env.put("KAFKA_TRUSTSTORE_PASSWORD", cluster.password("ca"));
        env.put("KAFKA_KEYSTORE_PATH", cluster.keystore("widget-order-service").toString());
        env.put("KAFKA_KEYSTORE_PASSWORD", cluster.password("widget-order-service"));
        env.put("MONGODB_URI", mongoUri);
        env.put("OPERATOR_PASSWORD", "operator");
        env.put("VIEWER_PASSWORD", "viewer");
        env.put("INGEST_PASSWORD", "ingest");
        // Ready means every channel verified its topic through the TLS listener as CN=widget-order-service.
        try (ServiceProcess service = ServiceProcess.start("widget-order-service", env, Map.of(),
                Duration.ofSeconds(90))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String customer = "tls-" + UUID.randomUUID();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/orders"))
                    .header("content-type", "application/json")
                    .header("authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"WidgetOrdered\",\"customerId\":\""
                            + customer + "\",\"widgetId\":\"W123\",\"quantity\":2}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());
            // Produced to widget-orders (acks=all), consumed back in group widget-order-service, stored in MongoDB.
            await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                    URI.create(service.url() + "/orders/" + customer)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"W123\""));
        } finally {
            mongo.stop();
        }
    }

    private static void assertProduceDenied(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            Exception denied = assertThrows(Exception.class,
                    () -> producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS));
            Throwable cause = denied instanceof ExecutionException ? denied.getCause() : denied;
            assertInstanceOf(AuthorizationException.class, cause, "producing to " + topic);
        }
    }

    private static void assertConsumeDenied(Map<String, Object> clientConfig, String topic, String group) {
        assertConsumeDeniedWith(AuthorizationException.class, clientConfig, topic, group);
    }

    /** Subscribes in {@code group} and polls until the broker's refusal surfaces as {@code expected}. */
    private static void assertConsumeDeniedWith(Class<? extends AuthorizationException> expected,
            Map<String, Object> clientConfig, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig, group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DENIED_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(500));
                } catch (AuthorizationException e) {
                    assertInstanceOf(expected, e, "consuming " + topic + " in group " + group);
                    return;
                }
            }
            throw new AssertionError("consuming " + topic + " in group " + group + " was not refused within "
                    + DENIED_WITHIN);
        }
    }

    private static void produce(Map<String, Object> clientConfig, String topic, String key, String value)
            throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean consumeUntil(Map<String, Object> clientConfig, String topic, String group, String value) {
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig, group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(record.value())) {
                        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1)));
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> clientConfig, String group) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
