package io.streamfleet.prediction.domain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reading of the {@code eeg-features} wire contract, shared by the consumer and the trainer:
 * <pre>{"headsetId":"h1","windowStart":..,"windowEnd":..,"sampleRateHz":250,"channels":["Fp1",..],
 *  "bands":{"Fp1":{"delta":12.1,"theta":5.3,"alpha":9.8,"beta":2.2,"gamma":0.4},..},
 *  "quality":{"ok":true,"droppedFrames":0,"railingChannels":[],"flatChannels":[]}}</pre>
 * Every listed channel must have a band-power object of finite, non-negative numbers. Unknown fields are ignored so
 * that eeg-ingest can add fields without breaking this consumer.
 */
public final class FeaturesParser {

    /** Trailing content ({"a":1}{"b":2}, {"a":1}x) makes the whole value invalid rather than silently ignored. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private FeaturesParser() {
    }

    /** @throws InvalidFieldException naming the first offending field */
    public static EegFeatures parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidFieldException("body", "is empty; expected an eeg-features JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidFieldException("body", "could not be read (" + e.getMessage() + ")");
        }
        return parse(root);
    }

    /** @throws InvalidFieldException naming the first offending field */
    public static EegFeatures parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object");
        }
        String headsetId = requiredText(root, "headsetId");
        long windowStart = requiredLong(root, "windowStart");
        long windowEnd = requiredLong(root, "windowEnd");
        if (windowEnd < windowStart) {
            throw new InvalidFieldException("windowEnd", "must not be before windowStart");
        }
        JsonNode rate = root.get("sampleRateHz");
        if (rate == null || !rate.isNumber() || !(rate.asDouble() > 0)) {
            throw new InvalidFieldException("sampleRateHz", "must be a positive number");
        }
        List<String> channels = channels(root);
        Map<String, Map<String, Double>> bands = bands(root, channels);
        return new EegFeatures(headsetId, windowStart, windowEnd, rate.asDouble(), channels, bands, quality(root));
    }

    private static List<String> channels(JsonNode root) {
        JsonNode node = root.get("channels");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidFieldException("channels", "must be a non-empty array of channel names");
        }
        List<String> channels = new ArrayList<>(node.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode channel : node) {
            if (!channel.isTextual() || channel.asText().isBlank()) {
                throw new InvalidFieldException("channels", "must contain only non-blank names");
            }
            if (!seen.add(channel.asText())) {
                throw new InvalidFieldException("channels", "names " + channel.asText() + " twice");
            }
            channels.add(channel.asText());
        }
        return Collections.unmodifiableList(channels);
    }

    private static Map<String, Map<String, Double>> bands(JsonNode root, List<String> channels) {
        JsonNode node = root.get("bands");
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("bands", "must be an object of band powers per channel");
        }
        Map<String, Map<String, Double>> bands = new LinkedHashMap<>();
        for (String channel : channels) {
            JsonNode perBand = node.get(channel);
            String field = "bands." + channel;
            if (perBand == null || !perBand.isObject()) {
                throw new InvalidFieldException(field, "is missing; every listed channel needs its band powers");
            }
            Map<String, Double> powers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = perBand.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> band = it.next();
                double power = band.getValue().asDouble(Double.NaN);
                if (!band.getValue().isNumber() || !Double.isFinite(power) || power < 0) {
                    throw new InvalidFieldException(field + "." + band.getKey(), "must be a non-negative number (µV²)");
                }
                powers.put(band.getKey(), power);
            }
            bands.put(channel, Collections.unmodifiableMap(powers));
        }
        return Collections.unmodifiableMap(bands);
    }

    private static EegFeatures.Quality quality(JsonNode root) {
        JsonNode node = root.get("quality");
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("quality", "must be an object with at least \"ok\"");
        }
        JsonNode ok = node.get("ok");
        if (ok == null || !ok.isBoolean()) {
            throw new InvalidFieldException("quality.ok", "must be true or false");
        }
        JsonNode dropped = node.get("droppedFrames");
        if (dropped != null && !dropped.isNull() && (!dropped.canConvertToInt() || !dropped.isIntegralNumber()
                || dropped.asInt() < 0)) {
            throw new InvalidFieldException("quality.droppedFrames", "must be a non-negative integer");
        }
        return new EegFeatures.Quality(ok.asBoolean(), dropped == null ? 0 : dropped.asInt(),
                names(node, "railingChannels"), names(node, "flatChannels"));
    }

    private static List<String> names(JsonNode quality, String name) {
        JsonNode node = quality.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidFieldException("quality." + name, "must be an array of channel names");
        }
        List<String> names = new ArrayList<>(node.size());
        node.forEach(n -> names.add(n.asText()));
        return Collections.unmodifiableList(names);
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidFieldException(field, "is required and must be a non-blank string");
        }
        return node.asText();
    }

    private static long requiredLong(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new InvalidFieldException(field, "is required and must be epoch milliseconds");
        }
        return node.asLong();
    }
}
