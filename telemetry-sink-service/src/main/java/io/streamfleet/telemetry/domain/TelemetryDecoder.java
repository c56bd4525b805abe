package io.streamfleet.telemetry.domain;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

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
    private static final double PCM_FULL_SCALE = 32768.0;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonFactory JSON = MAPPER.getFactory();

    /** A record's header as UTF-8 text (the last one of that name), or null. */
    @FunctionalInterface
    public interface Headers {
        String get(String name);
    }

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
     * @param headers the record's headers; read only for the binary streams, whose metadata travels there
     * @param value   the record value; null for a tombstone
     */
    public DecodedRecord decode(String topic, Headers headers, byte[] value) {
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
        String satelliteId = null;
        String timestamp = null;
        Map<String, Double> fields = new LinkedHashMap<>();
        boolean hasMetrics = false;
        Map<String, Double> location = null;
        try (JsonParser json = objectParser(value)) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                switch (name) {
                    case "satellite_id" -> satelliteId = text(json, token, name);
                    case "timestamp" -> timestamp = text(json, token, name);
                    case "metrics" -> {
                        numbers(json, token, "metrics", fields);
                        hasMetrics = token == JsonToken.START_OBJECT;
                    }
                    case "location" -> {
                        if (token != JsonToken.VALUE_NULL && token != JsonToken.START_OBJECT) {
                            throw new InvalidFieldException("location", "must be an object with latitude and longitude");
                        }
                        if (token == JsonToken.START_OBJECT) {
                            location = new LinkedHashMap<>();
                            numbers(json, token, "location", location);
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            requireEnd(json);
        } catch (IOException e) {
            throw unreadable(e);
        }
        satelliteId = checkedId(satelliteId, "satellite_id");
        if (timestamp == null) {
            throw new InvalidFieldException("timestamp", "is required: an ISO-8601 time with offset");
        }
        long millis = isoTimestamp(timestamp, "timestamp");
        if (!hasMetrics) {
            throw new InvalidFieldException("metrics", "is required and must be an object of numbers");
        }
        if (location != null) {
            fields.put("latitude", required(location, "latitude", "location.latitude", -90, 90));
            fields.put("longitude", required(location, "longitude", "location.longitude", -180, 180));
        }
        requireSamples(fields, "metrics");
        MetricPoint point = new MetricPoint(SATELLITE, tags("satellite_id", satelliteId), fields, millis);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.SATELLITE, satelliteId, millis, value));
    }

    // {"sensor_id":"sensor_1","temperature":24.5,"timestamp":1713763500} with the timestamp in seconds
    private DecodedRecord sensor(byte[] value) {
        String sensorId = null;
        Double temperature = null;
        BigDecimal seconds = null;
        try (JsonParser json = objectParser(value)) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                switch (name) {
                    case "sensor_id" -> sensorId = text(json, token, name);
                    case "temperature" -> temperature = number(json, token, name);
                    case "timestamp" -> {
                        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                            throw new InvalidFieldException("timestamp", "is required: epoch seconds as a number");
                        }
                        seconds = json.getDecimalValue();
                    }
                    default -> json.skipChildren();
                }
            }
            requireEnd(json);
        } catch (IOException e) {
            throw unreadable(e);
        }
        sensorId = checkedId(sensorId, "sensor_id");
        if (temperature == null) {
            throw new InvalidFieldException("temperature", "is required");
        }
        if (seconds == null) {
            throw new InvalidFieldException("timestamp", "is required: epoch seconds as a number");
        }
        long millis = epochMillis(seconds.movePointRight(3), "timestamp", "epoch seconds");
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("temperature", temperature);
        MetricPoint point = new MetricPoint(SENSOR, tags("sensor_id", sensorId), fields, millis);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.SENSOR, sensorId, millis, value));
    }

    // {"deviceId":"aria-1","stream":"imu-right","capturedAtNanos":...,"values":{"accel_x":...}}
    private DecodedRecord wearableSample(String stream, byte[] value) {
        String deviceId = null;
        String declaredStream = null;
        Long nanos = null;
        boolean hasValues = false;
        Map<String, Double> fields = new LinkedHashMap<>();
        try (JsonParser json = objectParser(value)) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                switch (name) {
                    case "deviceId" -> deviceId = text(json, token, name);
                    case "stream" -> declaredStream = token == JsonToken.VALUE_NULL ? null : text(json, token, name);
                    case "capturedAtNanos" -> {
                        if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            throw new InvalidFieldException("capturedAtNanos", "is required: epoch nanoseconds as an integer");
                        }
                        nanos = json.getLongValue();
                    }
                    case "values" -> {
                        numbers(json, token, "values", fields);
                        hasValues = token == JsonToken.START_OBJECT;
                    }
                    default -> json.skipChildren();
                }
            }
            requireEnd(json);
        } catch (IOException e) {
            throw unreadable(e);
        }
        deviceId = checkedId(deviceId, "deviceId");
        checkStream(declaredStream, stream, "stream");
        if (nanos == null) {
            throw new InvalidFieldException("capturedAtNanos", "is required: epoch nanoseconds as an integer");
        }
        long millis = nanosToMillis(nanos);
        if (!hasValues) {
            throw new InvalidFieldException("values", "is required and must be an object of numbers");
        }
        requireSamples(fields, "values");
        MetricPoint point = new MetricPoint(WEARABLE, wearableTags(deviceId, stream), fields, millis);
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.STREAM_SAMPLE, stream, millis, value));
    }

    // JPEG bytes; headers stream, deviceId, capturedAtNanos, width, height
    private DecodedRecord cameraFrame(String stream, Headers headers, byte[] value) {
        String deviceId = headerId(headers, "deviceId");
        checkStream(headers.get("stream"), stream, "stream");
        long nanos = headerLong(headers, "capturedAtNanos", 1, Long.MAX_VALUE);
        long timestamp = nanosToMillis(nanos);
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
    private DecodedRecord audioChunk(String stream, Headers headers, byte[] value) {
        String deviceId = headerId(headers, "deviceId");
        checkStream(headers.get("stream"), stream, "stream");
        long nanos = headerLong(headers, "capturedAtNanos", 1, Long.MAX_VALUE);
        long timestamp = nanosToMillis(nanos);
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
        Map<String, Object> latest = new LinkedHashMap<>();
        latest.put("deviceId", deviceId);
        latest.put("stream", stream);
        latest.put("capturedAtNanos", nanos);
        latest.put("sampleRateHz", sampleRate);
        latest.put("channels", channels);
        latest.put("frames", samples / channels);
        latest.put("values", fields);
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(latest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings is always serializable", e);
        }
        return new DecodedRecord(point, new LatestValue(LatestValue.Kind.STREAM_SAMPLE, stream, timestamp, body));
    }

    /** A parser positioned inside the record's top-level object. */
    private static JsonParser objectParser(byte[] value) throws IOException {
        if (value == null || value.length == 0) {
            throw new InvalidFieldException("value", "is empty; expected a JSON object");
        }
        JsonParser json = JSON.createParser(value);
        if (json.nextToken() != JsonToken.START_OBJECT) {
            json.close();
            throw new InvalidFieldException("value", "must be a JSON object");
        }
        return json;
    }

    /** The record must end with its object: trailing content would make the served latest value invalid JSON. */
    private static void requireEnd(JsonParser json) throws IOException {
        if (json.nextToken() != null) {
            throw new InvalidFieldException("value", "has content after the JSON object");
        }
    }

    private static InvalidFieldException unreadable(IOException e) {
        String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new InvalidFieldException("value", "is not valid JSON (" + reason + ")");
    }

    private static String text(JsonParser json, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            json.skipChildren();
            throw new InvalidFieldException(field, "must be a string");
        }
        return json.getText();
    }

    private static Double number(JsonParser json, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidFieldException(field, "must be a number");
        }
        return json.getDoubleValue();
    }

    /** An object of numbers into {@code into}; null members are skipped (no reading this time). */
    private void numbers(JsonParser json, JsonToken token, String path, Map<String, Double> into) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidFieldException(path, "is required and must be an object of numbers");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken member = json.nextToken();
            String field = path + "." + abbreviate(name);
            if (!isMetricName(name)) {
                throw new InvalidFieldException(field, "is not a metric name ([a-zA-Z_][a-zA-Z0-9_]*, at most "
                        + MAX_NAME_LENGTH + " characters)");
            }
            Double number = number(json, member, field);
            if (number != null) {
                into.put(name, number);
                if (into.size() > settings.maxValuesPerRecord()) {
                    throw new InvalidFieldException(path, "has more than " + settings.maxValuesPerRecord() + " values");
                }
            }
        }
    }

    private static double required(Map<String, Double> object, String name, String field, double min, double max) {
        Double value = object.get(name);
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be a number between " + min + " and " + max);
        }
        return value;
    }

    static boolean isMetricName(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static long isoTimestamp(String text, String field) {
        try {
            return inRange(IsoTimestamps.toEpochMillis(text), field);
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidFieldException(field, "must be an ISO-8601 time with offset, e.g. "
                    + "2025-10-22T03:58:50.973550+00:00");
        }
    }

    private static long nanosToMillis(long nanos) {
        return inRange(Math.floorDiv(nanos, 1_000_000L), "capturedAtNanos");
    }

    private String headerId(Headers headers, String header) {
        String value = headers.get(header);
        if (value == null) {
            throw new InvalidFieldException(header, "header is required");
        }
        return checkedId(value, header);
    }

    private String checkedId(String value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
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

    private static long headerLong(Headers headers, String header, long min, long max) {
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
