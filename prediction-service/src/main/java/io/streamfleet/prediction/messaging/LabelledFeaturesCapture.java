package io.streamfleet.prediction.messaging;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Command-line capture of training data for {@code ModelTrainer}: reads new {@code eeg-features} records (from the
 * moment it starts) and writes each one that carries the simulator's {@code intent} header as a JSON line
 * {@code {"intent":"FORWARD","features":{...}}}. The header exists for this and for evaluation only; the service never
 * reads it. Used by {@code deploy/local/train-model.sh}:
 * <pre>
 * java -cp "prediction-service/target/quarkus-app/app/*:prediction-service/target/quarkus-app/lib/main/*" \
 *   io.streamfleet.prediction.messaging.LabelledFeaturesCapture --bootstrap localhost:9092 --windows 3000 \
 *   --out eeg-features-labelled.jsonl [--topic eeg-features] [--timeout-seconds 600]
 * </pre>
 */
public final class LabelledFeaturesCapture {

    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Z_]{1,32}");

    private LabelledFeaturesCapture() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
        String topic = options.getOrDefault("topic", "eeg-features");
        int wanted = Integer.parseInt(options.getOrDefault("windows", "3000"));
        Path out = Path.of(options.getOrDefault("out", "eeg-features-labelled.jsonl"));
        long deadline = System.nanoTime() + Duration.ofSeconds(
                Long.parseLong(options.getOrDefault("timeout-seconds", "600"))).toNanos();

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putAll(securityConfig(System.getenv()));
        int captured = 0;
        int unlabelled = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
                Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            // No consumer group: assign every partition and start at its end, so only windows made from now on count.
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            System.out.printf("capturing %d labelled windows from %s at %s into %s%n", wanted, topic, bootstrap, out);
            while (captured < wanted) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + captured + " of " + wanted
                            + " labelled windows arrived before the timeout: is the simulator's eeg stream running?");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header intent = record.headers().lastHeader("intent");
                    String command = intent == null ? null : new String(intent.value(), StandardCharsets.UTF_8);
                    if (command == null || !COMMAND_NAME.matcher(command).matches() || record.value() == null) {
                        unlabelled++;
                        continue;
                    }
                    writer.write("{\"intent\":\"" + command + "\",\"features\":" + record.value() + "}\n");
                    if (++captured == wanted) {
                        break;
                    }
                }
            }
        }
        System.out.printf("captured %d labelled windows (%d without an intent header skipped)%n", captured, unlabelled);
    }

    /**
     * The services' Kafka connection settings (docs: KAFKA_SECURITY_PROTOCOL, KAFKA_TRUSTSTORE_*, KAFKA_KEYSTORE_*),
     * so the capture reaches an mTLS cluster as prediction-service does; PLAINTEXT when KAFKA_SECURITY_PROTOCOL is unset.
     */
    static Map<String, String> securityConfig(Map<String, String> env) {
        String protocol = env.getOrDefault("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        Map<String, String> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.endsWith("SSL")) {
            putIfSet(config, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, env.get("KAFKA_TRUSTSTORE_PATH"));
            putIfSet(config, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, env.get("KAFKA_TRUSTSTORE_PASSWORD"));
            putIfSet(config, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, env.get("KAFKA_KEYSTORE_PATH"));
            putIfSet(config, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, env.get("KAFKA_KEYSTORE_PASSWORD"));
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        }
        return config;
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (value != null && !value.isBlank()) {
            config.put(key, value);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
