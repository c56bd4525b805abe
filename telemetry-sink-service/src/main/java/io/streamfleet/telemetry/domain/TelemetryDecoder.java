package io.streamfleet.telemetry.domain;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one reading of the telemetry wire contracts (DESIGN.md "Payloads", docs/contracts.md "Wearable streams"): turns
 * a record of any consumed topic into one {@link MetricPoint} at the device's time and the {@link LatestValue} of its
 * source, or throws {@link InvalidFieldException} naming what is wrong. Device times outside 2000..9999 are refused
 * rather than written: they are unit mistakes (ms for s, time since boot), and VictoriaMetrics would silently drop them.
 */
public final class TelemetryDecoder {

    public static final String SATELLITE = "satellite";
    public static final String SENSOR = "sensor";
    public static final String WEARABLE = "aria";

    /** 2000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z. */
    static final long MIN_EPOCH_MILLIS = 946_684_800_000L;
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    private static final int MAX_NAME_LENGTH = 64;
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final double PCM_FULL_SCALE = 32768.0;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Which topic carries what; the wearable stream name is the topic name after the prefix. */
    public record Settings(String satellitesTopic, String sensorsTopic, String wearablePrefix,
            Set<String> cameraStreams, Set<String> audioStreams, int maxIdLength, int maxValuesPerRecord) {
    }

    private final Settings settings;

    public TelemetryDecoder(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param topic   the record's topic (decides the contract)
     * @param headers the record's headers as UTF-8 text, last value per name
     * @param value   the record value; null for a tombstone
     */
    public DecodedRecord decode(String topic, Map<String, String> headers, byte[] value) {
        if (topic.equals(settings.satellitesTopic())) {
            return satellite(value);
        }
        if (topic.equals(settings.sensorsTopic())) {
            return sensor(value);
        }
        if (topic.startsWith(settings.wearablePrefix())) {
            String stream = topic.substring(settings.wearablePrefix().length());
            if (settings.cameraStreams().contains(stream)) {
                return cameraFrame(stream, headers, value);
            }
            if (settings.audioStreams().contains(stream)) {
                return audioChunk(stream, headers, value);
            }
            return wearableSample(stream, value);
        }
        throw new InvalidFieldException("topic", "no contract is known for topic " + topic);
    }

    /** The wearable stream a topic carries, or null for a non-wearable topic. */
    public String streamOf(String topic) {
        return topic.startsWith(settings.wearablePrefix()) ? topic.substring(settings.wearablePrefix().length()) : null;
    }

    // {"timestamp":"2025-10-22T03:58:50.973550+00:00","satellite_id":"SAT-001","metrics":{...},"location":{...}}
    private DecodedRecord satellite(byte[] value) {
        ObjectNode root = jsonObject(value);
        String satelliteId = id(root, "satellite_id");
        long timestamp = isoTimestamp(root, "timestamp");
        Map<String, Double> fields = new LinkedHashMap<>();
        JsonNode metrics = root.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            throw new InvalidFieldException("metrics", "is required and must be an object of numbers");
        }
        numbers(metrics, "metrics", fields);
        JsonNode location = root.get("location");
        if (location != null && !location.isNull()) {
            if (!location.isObject()) {
                throw new InvalidFieldException("location", "must be an object with latitude and longitude");
            }
            fields.put("latitude", requiredNumber(location, "latitude", "location.latitude", -90, 90));
            fields.put("longitude", requiredNumber(location, "longitude", "location.longitude", -180, 180));
        }
        requireSamples(fields, "metrics");
        MetricPoint point = new MetricPoint(SATELLITE, tags("satellite_id", satelliteId), fields, timestamp);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.SATELLITE, satelliteId, timestamp, root));
    }

    // {"sensor_id":"sensor_1","temperature":24.5,"timestamp":1713763500} with the timestamp in seconds
    private DecodedRecord sensor(byte[] value) {
        ObjectNode root = jsonObject(value);
        String sensorId = id(root, "sensor_id");
        double temperature = requiredNumber(root, "temperature", "temperature", -Double.MAX_VALUE, Double.MAX_VALUE);
        JsonNode seconds = root.get("timestamp");
        if (seconds == null || !seconds.isNumber()) {
            throw new InvalidFieldException("timestamp", "is required: epoch seconds as a number");
        }
        long timestamp = epochMillis(seconds.decimalValue().movePointRight(3), "timestamp", "epoch seconds");
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("temperature", temperature);
        MetricPoint point = new MetricPoint(SENSOR, tags("sensor_id", sensorId), fields, timestamp);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.SENSOR, sensorId, timestamp, root));
    }

    // {"deviceId":"aria-1","stream":"imu-right","capturedAtNanos":...,"values":{"accel_x":...}}
    private DecodedRecord wearableSample(String stream, byte[] value) {
        ObjectNode root = jsonObject(value);
        String deviceId = id(root, "deviceId");
        checkStream(root.get("stream") == null || root.get("stream").isNull() ? null : root.get("stream").asText(),
                stream, "stream");
        JsonNode nanos = root.get("capturedAtNanos");
        if (nanos == null || !nanos.isIntegralNumber()) {
            throw new InvalidFieldException("capturedAtNanos", "is required: epoch nanoseconds as an integer");
        }
        long timestamp = epochMillis(nanos.decimalValue().movePointLeft(6), "capturedAtNanos", "epoch nanoseconds");
        JsonNode values = root.get("values");
        if (values == null || !values.isObject()) {
            throw new InvalidFieldException("values", "is required and must be an object of numbers");
        }
        Map<String, Double> fields = new LinkedHashMap<>();
        numbers(values, "values", fields);
        requireSamples(fields, "values");
        root.put("stream", stream);
        MetricPoint point = new MetricPoint(WEARABLE, wearableTags(deviceId, stream), fields, timestamp);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.STREAM_SAMPLE, stream, timestamp, root));
    }

    // JPEG bytes; headers stream, deviceId, capturedAtNanos, width, height
    private DecodedRecord cameraFrame(String stream, Map<String, String> headers, byte[] value) {
        String deviceId = headerId(headers, "deviceId");
        checkStream(headers.get("stream"), stream, "stream");
        long nanos = headerLong(headers, "capturedAtNanos", 1, Long.MAX_VALUE);
        long timestamp = epochMillis(BigDecimal.valueOf(nanos).movePointLeft(6), "capturedAtNanos", "epoch nanoseconds");
        int width = (int) headerLong(headers, "width", 1, 65_535);
        int height = (int) headerLong(headers, "height", 1, 65_535);
        if (value == null || value.length < 4 || (value[0] & 0xff) != 0xff || (value[1] & 0xff) != 0xd8
                || (value[2] & 0xff) != 0xff) {
            throw new InvalidFieldException("value", "must be a JPEG image (starting with FF D8 FF)");
        }
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("frame_bytes", (double) value.length);
        fields.put("frame_width", (double) width);
        fields.put("frame_height", (double) height);
        MetricPoint point = new MetricPoint(WEARABLE, wearableTags(deviceId, stream), fields, timestamp);
        CameraFrame frame = new CameraFrame(deviceId, stream, nanos, width, height, value);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.STREAM_FRAME, stream, timestamp, frame));
    }

    // 16-bit little-endian PCM; headers stream, deviceId, capturedAtNanos, sampleRateHz, channels
    private DecodedRecord audioChunk(String stream, Map<String, String> headers, byte[] value) {
        String deviceId = headerId(headers, "deviceId");
        checkStream(headers.get("stream"), stream, "stream");
        long nanos = headerLong(headers, "capturedAtNanos", 1, Long.MAX_VALUE);
        long timestamp = epochMillis(BigDecimal.valueOf(nanos).movePointLeft(6), "capturedAtNanos", "epoch nanoseconds");
        long sampleRate = headerLong(headers, "sampleRateHz", 1, 1_000_000);
        int channels = (int) headerLong(headers, "channels", 1, 64);
        if (value == null || value.length == 0) {
            throw new InvalidFieldException("value", "must hold 16-bit PCM samples; it is empty");
        }
        if (value.length % (2 * channels) != 0) {
            throw new InvalidFieldException("value", "holds " + value.length + " bytes, not whole 16-bit frames of "
                    + channels + " channel(s)");
        }
        ByteBuffer pcm = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int samples = value.length / 2;
        double sumOfSquares = 0;
        int peak = 0;
        for (int i = 0; i < samples; i++) {
            int sample = pcm.getShort();
            sumOfSquares += (double) sample * sample;
            peak = Math.max(peak, Math.abs(sample));
        }
        double rms = Math.sqrt(sumOfSquares / samples) / PCM_FULL_SCALE;
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("audio_rms", rms);
        fields.put("audio_peak", peak / PCM_FULL_SCALE);
        MetricPoint point = new MetricPoint(WEARABLE, wearableTags(deviceId, stream), fields, timestamp);
        ObjectNode latest = MAPPER.createObjectNode();
        latest.put("deviceId", deviceId).put("stream", stream).put("capturedAtNanos", nanos)
                .put("sampleRateHz", sampleRate).put("channels", channels).put("frames", samples / channels);
        latest.putObject("values").put("audio_rms", rms).put("audio_peak", peak / PCM_FULL_SCALE);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.STREAM_SAMPLE, stream, timestamp, latest));
    }

    private static ObjectNode jsonObject(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidFieldException("value", "is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("value", "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidFieldException("value", "could not be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("value", "must be a JSON object");
        }
        return (ObjectNode) root;
    }

    private String id(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!node.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        return checkedId(node.textValue(), field);
    }

    private String headerId(Map<String, String> headers, String header) {
        String value = headers.get(header);
        if (value == null) {
            throw new InvalidFieldException(header, "header is required");
        }
        return checkedId(value, header);
    }

    private String checkedId(String value, String field) {
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > settings.maxIdLength()) {
            throw new InvalidFieldException(field, "must be at most " + settings.maxIdLength() + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "must not contain control characters");
        }
        return value;
    }

    private static void checkStream(String declared, String topicStream, String field) {
        if (declared != null && !declared.equals(topicStream)) {
            throw new InvalidFieldException(field, "is \"" + declared + "\" but the topic carries " + topicStream);
        }
    }

    private static long headerLong(Map<String, String> headers, String header, long min, long max) {
        String text = headers.get(header);
        if (text == null) {
            throw new InvalidFieldException(header, "header is required");
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, like an out-of-range value
        }
        throw new InvalidFieldException(header, "header must be an integer between " + min + " and " + max);
    }

    private static long isoTimestamp(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new InvalidFieldException(field, "is required: an ISO-8601 time with offset");
        }
        long millis;
        try {
            millis = OffsetDateTime.parse(node.textValue()).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidFieldException(field, "must be an ISO-8601 time with offset, e.g. "
                    + "2025-10-22T03:58:50.973550+00:00");
        }
        return inRange(millis, field);
    }

    private static long epochMillis(BigDecimal millis, String field, String unit) {
        try {
            return inRange(millis.setScale(0, RoundingMode.FLOOR).longValueExact(), field);
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(field, "must be " + unit + " between 2000 and 9999");
        }
    }

    private static long inRange(long millis, String field) {
        if (millis < MIN_EPOCH_MILLIS || millis > MAX_EPOCH_MILLIS) {
            throw new InvalidFieldException(field, "must be a time between 2000 and 9999 (check the unit)");
        }
        return millis;
    }

    private void numbers(JsonNode object, String path, Map<String, Double> into) {
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isNull()) {
                continue; // no reading for this value in this record
            }
            String field = path + "." + abbreviate(name);
            if (name.length() > MAX_NAME_LENGTH || !METRIC_NAME.matcher(name).matches()) {
                throw new InvalidFieldException(field, "is not a metric name ([a-zA-Z_][a-zA-Z0-9_]*, at most "
                        + MAX_NAME_LENGTH + " characters)");
            }
            if (!node.isNumber()) {
                throw new InvalidFieldException(field, "must be a number");
            }
            into.put(name, node.doubleValue());
            if (into.size() > settings.maxValuesPerRecord()) {
                throw new InvalidFieldException(path, "has more than " + settings.maxValuesPerRecord() + " values");
            }
        }
    }

    private static double requiredNumber(JsonNode object, String name, String field, double min, double max) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!node.isNumber() || node.doubleValue() < min || node.doubleValue() > max) {
            throw new InvalidFieldException(field, "must be a number between " + min + " and " + max);
        }
        return node.doubleValue();
    }

    private static void requireSamples(Map<String, Double> fields, String field) {
        if (fields.isEmpty()) {
            throw new InvalidFieldException(field, "holds no numeric value");
        }
    }

    private static SortedMap<String, String> tags(String name, String value) {
        SortedMap<String, String> tags = new TreeMap<>();
        tags.put(name, value);
        return tags;
    }

    private static SortedMap<String, String> wearableTags(String deviceId, String stream) {
        SortedMap<String, String> tags = new TreeMap<>();
        tags.put("device", deviceId);
        tags.put("stream", stream);
        return tags;
    }

    private static String abbreviate(String name) {
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH) + "...";
    }
}
