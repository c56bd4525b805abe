package io.streamfleet.eeg;

import static io.restassured.RestAssured.given;
import static io.streamfleet.eeg.EegInfrastructure.FEATURES_TOPIC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What tests see of the service from outside: HTTP, and records on the real broker. */
public final class EegApi {

    public static final Duration DEADLINE = Duration.ofSeconds(30);
    public static final List<String> CYTON = List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2");
    public static final long START = 1_713_763_500_000L;
    /** 25 samples at 250 Hz: 100 ms per frame, so the 2 s window fills after 20 frames and hops every 2nd. */
    public static final int SAMPLES_PER_FRAME = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EegApi() {
    }

    /** A headset id no other test uses, so tests sharing one broker stay independent. */
    public static String uniqueHeadset(String label) {
        return label + "-" + UUID.randomUUID();
    }

    /**
     * Frame {@code seq} of a headset whose every channel carries a sine of {@code hz} (amplitude 20 µV) on an
     * electrode offset, continuous across frames.
     */
    public static String frame(String headset, long seq, double hz) {
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
            long k = seq * SAMPLES_PER_FRAME + i;
            StringJoiner values = new StringJoiner(",", "[", "]");
            for (int c = 0; c < CYTON.size(); c++) {
                double v = 1_500 * (c + 1) + 20 * Math.sin(2 * Math.PI * hz * k / 250.0 + c);
                values.add(String.format(java.util.Locale.ROOT, "%.3f", v));
            }
            samples.add(values.toString());
        }
        StringJoiner channels = new StringJoiner(",", "[", "]");
        CYTON.forEach(c -> channels.add("\"" + c + "\""));
        return "{\"headsetId\":\"" + headset + "\",\"seq\":" + seq + ",\"sampleRateHz\":250,\"channels\":" + channels
                + ",\"firstSampleAt\":" + (START + seq * 100) + ",\"samples\":" + samples + "}";
    }

    public static String batch(String headset, long fromSeq, long toSeq, double hz) {
        StringJoiner frames = new StringJoiner(",", "[", "]");
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            frames.add(frame(headset, seq, hz));
        }
        return frames.toString();
    }

    /** HTTP Basic as the %test ingest user, the way a headset bridge calls the gateway. */
    public static RequestSpecification asIngest() {
        return given().auth().preemptive().basic("ingest", "ingest");
    }

    public static Response post(String headset, String body) {
        return asIngest().contentType(ContentType.JSON).body(body).post("/eeg/{h}/frames", headset);
    }

    public static Response post(String headset, String body, String intent) {
        return asIngest().contentType(ContentType.JSON).header("intent", intent).body(body)
                .post("/eeg/{h}/frames", headset);
    }

    /** Reads a topic from the beginning, keeping only the headset's records. */
    public static ConsumerTask<String, String> records(KafkaCompanion companion, String topic, String headset) {
        return companion.consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .fromTopics(topic, records -> records.select().where(r -> headset.equals(r.key())));
    }

    public static ConsumerTask<String, String> features(KafkaCompanion companion, String headset) {
        return records(companion, FEATURES_TOPIC, headset);
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }

    /** Band name -> power of one channel of a features record. */
    @SuppressWarnings("unchecked")
    public static Map<String, Double> bands(Map<String, Object> features, String channel) {
        return (Map<String, Double>) ((Map<String, Object>) features.get("bands")).get(channel);
    }

    public static String dominant(Map<String, Double> bands) {
        return bands.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    public static List<String> dominantBands(Map<String, Object> features) {
        List<String> out = new ArrayList<>();
        for (String channel : CYTON) {
            out.add(dominant(bands(features, channel)));
        }
        return out;
    }
}
