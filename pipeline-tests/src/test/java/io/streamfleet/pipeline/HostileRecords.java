package io.streamfleet.pipeline;

import static io.streamfleet.pipeline.HostileGenerators.json;
import static io.streamfleet.pipeline.HostileGenerators.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Malformed records (jqwik-generated) between valid ones on a consumed topic, and the accounting afterwards: what
 * reached the dead-letter topic with a reason, what the valid records produced downstream, and whether the consumer
 * group read to the end of the topic.
 */
final class HostileRecords {

    /** One record as produced; {@code valid} says what the consumer must do with it. */
    record Produced(byte[] key, byte[] value, List<Header> headers, boolean valid, String position) {

        Produced(byte[] key, byte[] value, List<Header> headers, boolean valid) {
            this(key, value, headers, valid, null);
        }

        /** For failure messages: where it went and how it starts. */
        String describe() {
            String text = value == null ? "null" : new String(value, 0, Math.min(value.length, 150), StandardCharsets.UTF_8);
            return position + " " + text.replaceAll("[\\r\\n]", " ") + " headers " + headers.stream()
                    .map(h -> h.key() + "=" + (h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)))
                    .toList();
        }
    }

    /**
     * A consumed topic: how to make its i-th valid record, which fields of the valid JSON are required (and of which
     * kind), which of them are ids with a length limit, and whether the value is JSON at all.
     */
    record TopicSpec(String topic, IntFunction<Produced> valid, Map<String, String> requiredFields,
            List<String> limitedIds, boolean jsonValue, Function<Produced, Arbitrary<Produced>> malformedOf) {
    }

    private HostileRecords() {
    }

    /** A JSON topic: malformed records are variations of a valid one. */
    static TopicSpec jsonTopic(String topic, IntFunction<Produced> valid, Map<String, String> requiredFields,
            List<String> limitedIds) {
        return new TopicSpec(topic, valid, requiredFields, limitedIds, true,
                base -> malformedJson(base, requiredFields, limitedIds));
    }

    static TopicSpec binaryTopic(String topic, IntFunction<Produced> valid,
            Function<Produced, Arbitrary<Produced>> malformedOf) {
        return new TopicSpec(topic, valid, Map.of(), List.of(), false, malformedOf);
    }

    /**
     * Broken versions of a valid JSON record: random bytes, truncated, nested past any parser limit, not an object,
     * a required field removed or given a value of the wrong kind, an id longer than its limit; keys null or junk.
     */
    @SuppressWarnings("unchecked")
    static Arbitrary<Produced> malformedJson(Produced base, Map<String, String> requiredFields, List<String> limitedIds) {
        Map<String, Object> valid;
        try {
            valid = HostileGenerators.JSON.readValue(base.value(), LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String text = new String(base.value(), StandardCharsets.UTF_8);
        List<String> required = List.copyOf(requiredFields.keySet());
        Arbitrary<byte[]> randomBytes = HostileGenerators.randomBytes().filter(bytes -> bytes.length > 0);
        Arbitrary<String> truncated = Arbitraries.integers().between(1, text.length() - 1).map(cut -> text.substring(0, cut));
        Arbitrary<String> notObject = Arbitraries.of("null", "1", "\"text\"", "[]", "[" + text + "]", "true", "NaN",
                text + text, text + "x", "{}", " ");
        Arbitrary<String> nested = HostileGenerators.deeplyNested();
        List<Tuple.Tuple2<Integer, Arbitrary<byte[]>>> kinds = new ArrayList<>(List.of(Tuple.of(2, randomBytes),
                Tuple.of(2, truncated.map(HostileGenerators::utf8)), Tuple.of(1, notObject.map(HostileGenerators::utf8)),
                Tuple.of(1, nested.map(HostileGenerators::utf8))));
        if (!required.isEmpty()) {
            Arbitrary<String> removed = Arbitraries.of(required).map(field -> {
                Map<String, Object> copy = new LinkedHashMap<>(valid);
                copy.remove(field);
                return json(copy);
            });
            Arbitrary<String> wrongKind = Arbitraries.of(required).flatMap(field -> wrongFor(requiredFields.get(field))
                    .map(value -> {
                        Map<String, Object> copy = new LinkedHashMap<>(valid);
                        copy.put(field, value);
                        return json(copy);
                    }));
            kinds.add(Tuple.of(2, removed.map(HostileGenerators::utf8)));
            kinds.add(Tuple.of(3, wrongKind.map(HostileGenerators::utf8)));
        }
        if (!limitedIds.isEmpty()) {
            kinds.add(Tuple.of(1, Arbitraries.of(limitedIds).flatMap(field -> Arbitraries.integers()
                    .between(129, 100_000).map(length -> {
                        Map<String, Object> copy = new LinkedHashMap<>(valid);
                        copy.put(field, "x".repeat(length));
                        return utf8(json(copy));
                    }))));
        }
        @SuppressWarnings({ "rawtypes" })
        Arbitrary<byte[]> values = Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
        Arbitrary<byte[]> keys = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(base.key())),
                Tuple.of(1, Arbitraries.just((byte[]) null)), Tuple.of(1, HostileGenerators.randomBytes()));
        return net.jqwik.api.Combinators.combine(keys, values).as((key, value) -> new Produced(key, value,
                badHeaders(), false));
    }

    /** A value of the wrong kind for a field of kind "text", "number", "object", "array" or "boolean". */
    private static Arbitrary<Object> wrongFor(String kind) {
        List<Object> wrong = switch (kind) {
            case "text" -> List.of(Map.of(), List.of(), List.of("a"), "", " ");
            case "number" -> List.of("not a number", Map.of(), List.of(), true, "");
            case "object" -> List.of("text", 1, List.of(), true);
            case "array" -> List.of("text", 1, Map.of(), true);
            default -> List.of(Map.of(), List.of(), "text");
        };
        List<Object> withNull = new ArrayList<>(wrong);
        withNull.add(new HostileGenerators.RawJson("null"));
        return Arbitraries.of(withNull);
    }

    /** Headers a careless producer sends: producedAt not a number, binary junk, empty names. */
    static List<Header> badHeaders() {
        return List.of(new RecordHeader("producedAt", utf8("yesterday")), new RecordHeader("", new byte[] { -1, 0, 1 }),
                new RecordHeader("traceparent", null));
    }

    static List<Header> headers(String... namesAndValues) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new RecordHeader(namesAndValues[i], utf8(namesAndValues[i + 1])));
        }
        return headers;
    }

    // --- running one topic -----------------------------------------------------------------------------------------

    /** What happened to one topic's records. */
    record Outcome(String topic, int records, int malformed, int deadLettered, int deadLettersWithReason,
            int validStored, int valid) {

        String line() {
            return String.format("HOSTILE | %s | records %d | malformed %d | dlq %d | valid stored %d", topic, records,
                    malformed, deadLettered, validStored);
        }
    }

    /**
     * Produces {@code count} records, about one in three valid (the valid ones numbered 0, 1, 2, ... in order), the
     * last one valid so the consumer must get past every bad one; returns them in order.
     */
    static List<Produced> produce(String bootstrap, TopicSpec spec, int count) {
        List<Produced> records = new ArrayList<>();
        Iterator<Boolean> validity = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(true)),
                Tuple.of(2, Arbitraries.just(false))).sampleStream().iterator();
        int validCount = 0;
        Produced template = spec.valid().apply(0);
        Iterator<Produced> malformed = spec.malformedOf().apply(template).sampleStream().iterator();
        for (int i = 0; i < count; i++) {
            boolean valid = i == count - 1 || validity.next();
            records.add(valid ? spec.valid().apply(validCount++) : malformed.next());
        }
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (Produced record : records) {
                sent.add(producer.send(new ProducerRecord<>(spec.topic(), null, record.key(), record.value(),
                        record.headers())));
            }
            producer.flush();
        }
        List<Produced> placed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            org.apache.kafka.clients.producer.RecordMetadata where;
            try {
                where = sent.get(i).get();
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not take record " + i + " of " + spec.topic(), e);
            }
            Produced record = records.get(i);
            placed.add(new Produced(record.key(), record.value(), record.headers(), record.valid(),
                    where.partition() + "@" + where.offset()));
        }
        return placed;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record of a topic from the beginning to its current end that {@code keep} accepts. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> keep) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4_000_000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (keep.test(record)) {
                        out.add(record);
                    }
                });
            }
        }
        return out;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** True when some consumer group has committed the topic's end offset on every partition. */
    static boolean someGroupReadToTheEnd(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                boolean atEnd = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                boolean readsTopic = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(topic));
                if (readsTopic && atEnd) {
                    return true;
                }
            }
            return false;
        }
    }

    // --- valid records per topic -----------------------------------------------------------------------------------

    static final DateTimeFormatter SATELLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    static Produced order(int i, String customer) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("type", "WidgetOrdered");
        order.put("orderId", customer + "-order-" + i);
        order.put("customerId", customer);
        order.put("widgetId", "W" + (i % 7));
        order.put("quantity", 1 + i % 5);
        order.put("orderedAt", 1_713_763_500_000L + i);
        return validJson(customer, order, i);
    }

    static Produced satellite(int i, String prefix) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("temperature", -20.81);
        metrics.put("altitude", 449.95);
        metrics.put("velocity", 7.655);
        metrics.put("battery_voltage", 3.59);
        metrics.put("solar_power", 0.0);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).format(SATELLITE_TIME));
        value.put("satellite_id", prefix + i);
        value.put("metrics", metrics);
        value.put("location", Map.of("latitude", 0.2044, "longitude", -29.8243));
        return validJson(prefix + i, value, i);
    }

    static Produced sensor(int i, String prefix) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("sensor_id", prefix + i);
        value.put("temperature", 24.5);
        value.put("timestamp", Instant.now().getEpochSecond());
        return validJson(prefix + i, value, i);
    }

    static Produced wearableSample(int i, String stream, String prefix) {
        Map<String, Object> values = switch (stream) {
            case "magnetometer" -> Map.of("mag_x", 1.0, "mag_y", 2.0, "mag_z", 3.0);
            case "barometer" -> Map.of("pressure", 101_325.0, "temperature", 21.5);
            default -> Map.of("accel_x", 0.1, "accel_y", 9.8, "accel_z", 0.2, "gyro_x", 0.0, "gyro_y", 0.0,
                    "gyro_z", 0.1);
        };
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("deviceId", prefix + i);
        value.put("stream", stream);
        value.put("capturedAtNanos", System.currentTimeMillis() * 1_000_000L);
        value.put("values", values);
        return validJson(prefix + i, value, i);
    }

    static Produced cameraFrame(int i, String stream, String prefix) {
        byte[] jpeg = new byte[64 + i % 64];
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        return new Produced(utf8(prefix + i), jpeg, headers("stream", stream, "deviceId", prefix + i,
                "capturedAtNanos", Long.toString(System.currentTimeMillis() * 1_000_000L), "width", "640",
                "height", "480", "producedAt", Long.toString(System.currentTimeMillis())), true);
    }

    static Produced audioChunk(int i, String stream, String prefix) {
        return new Produced(utf8(prefix + i), new byte[320], headers("stream", stream, "deviceId", prefix + i,
                "capturedAtNanos", Long.toString(System.currentTimeMillis() * 1_000_000L), "sampleRateHz", "16000",
                "channels", "1", "producedAt", Long.toString(System.currentTimeMillis())), true);
    }

    /** Malformed media records: wrong bytes, or right bytes with missing or nonsensical headers. */
    static Arbitrary<Produced> malformedMedia(Produced base, boolean camera) {
        Arbitrary<Produced> wrongBytes = HostileGenerators.randomBytes()
                .filter(bytes -> camera ? bytes.length < 3 || (bytes[0] & 0xff) != 0xff : bytes.length % 2 == 1)
                .map(bytes -> new Produced(base.key(), bytes, base.headers(), false));
        List<String> names = base.headers().stream().map(Header::key).filter(name -> !name.equals("producedAt"))
                .toList();
        // Without a stream header the topic says which stream it is: only the other headers are required.
        Arbitrary<Produced> missingHeader = Arbitraries.of(names.stream().filter(name -> !name.equals("stream")).toList()).map(name -> new Produced(base.key(), base.value(),
                base.headers().stream().filter(h -> !h.key().equals(name)).toList(), false));
        Arbitrary<Produced> badHeader = Arbitraries.of(names).flatMap(name -> Arbitraries.of("", "-1", "0", "abc",
                "99999999999999999999", "NaN", "x".repeat(300)).filter(bad -> !(name.equals("deviceId")
                        && bad.length() <= 128 && !bad.isBlank()))
                .map(bad -> {
                    List<Header> headers = new ArrayList<>(base.headers().stream()
                            .filter(h -> !h.key().equals(name)).toList());
                    headers.add(new RecordHeader(name, utf8(bad)));
                    return new Produced(base.key(), base.value(), headers, false);
                }));
        Arbitrary<Produced> empty = Arbitraries.just(new Produced(base.key(), new byte[0], base.headers(), false));
        return Arbitraries.frequencyOf(Tuple.of(3, wrongBytes), Tuple.of(2, missingHeader), Tuple.of(3, badHeader),
                Tuple.of(1, empty));
    }

    static Produced eegFrame(int i, String headset) {
        return validJson(headset, HostileInputIT.eegFrame(headset, i), i);
    }

    static Produced features(int i, String headset) {
        List<String> channels = List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2");
        Map<String, Object> bands = new LinkedHashMap<>();
        for (String channel : channels) {
            bands.put(channel, Map.of("delta", 12.1 + i % 3, "theta", 5.3, "alpha", 9.8, "beta", 2.2, "gamma", 0.4));
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("headsetId", headset);
        value.put("windowStart", 1_713_763_500_000L + i * 200L);
        value.put("windowEnd", 1_713_763_502_000L + i * 200L);
        value.put("sampleRateHz", 250);
        value.put("channels", channels);
        value.put("bands", bands);
        value.put("quality", Map.of("ok", true, "droppedFrames", 0, "railingChannels", List.of(),
                "flatChannels", List.of()));
        return validJson(headset, value, i);
    }

    static Produced prediction(int i, String headset) {
        long now = System.currentTimeMillis();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("headsetId", headset);
        value.put("windowEnd", now - 10);
        value.put("command", "HOVER");
        value.put("confidence", 0.9);
        value.put("model", "bandpower-lda");
        value.put("modelVersion", "1");
        value.put("predictedAt", now);
        value.put("reason", "model");
        return validJson(headset, value, i);
    }

    static Produced droneCommand(int i, String drone) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("commandId", drone + "-command-" + i);
        value.put("droneId", drone);
        value.put("headsetId", null);
        value.put("action", "REFUSE");
        value.put("sdk", null);
        value.put("reason", "operator");
        value.put("prediction", null);
        value.put("confidence", null);
        value.put("issuedAt", System.currentTimeMillis());
        return validJson(drone, value, i);
    }

    /** Valid JSON records; every 5th carries a careless header, which must not make it invalid. */
    private static Produced validJson(String key, Map<String, Object> value, int i) {
        List<Header> headers = i % 5 == 4 ? badHeaders()
                : headers("producedAt", Long.toString(System.currentTimeMillis()));
        return new Produced(utf8(key), utf8(json(value)), headers, true);
    }
}
