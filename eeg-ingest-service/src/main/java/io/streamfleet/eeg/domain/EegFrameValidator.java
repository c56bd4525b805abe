package io.streamfleet.eeg.domain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reading of the EEG frame wire contract, shared by {@code POST /eeg/{headsetId}/frames} and the Kafka
 * processor, so that a frame the gateway accepts is a frame the processor accepts and vice versa.
 * <p>
 * Errors name the field as a path into the JSON: {@code seq}, {@code channels[2]}, {@code samples[3]},
 * {@code samples[3][1]}; inside a batch the frame's index comes first: {@code [4].samples[3]}.
 * NaN and Infinity literals are read (Jackson would refuse them with a parser error that names no field) so that they
 * are rejected here as the sample they are.
 */
public final class EegFrameValidator {

    /** 9999-12-31: anything later is a unit mistake (e.g. microseconds), not a date. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // trailing content after the frame or batch makes the body invalid rather than silently ignored
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final FrameRules rules;

    public EegFrameValidator(FrameRules rules) {
        this.rules = rules;
    }

    /**
     * A request body of the HTTP gateway: one frame object or an array of frames, all of the headset in the path.
     *
     * @throws InvalidFieldException naming the first offending field
     */
    public List<EegFrame> parseRequest(byte[] body, String pathHeadsetId) {
        checkId("headsetId", pathHeadsetId);
        JsonNode root = readJson(body);
        if (root.isObject()) {
            return List.of(checkHeadset(frame(root, ""), pathHeadsetId, ""));
        }
        if (!root.isArray()) {
            throw new InvalidFieldException("body", "must be a frame object or an array of frames");
        }
        if (root.isEmpty()) {
            throw new InvalidFieldException("body", "must contain at least one frame");
        }
        if (root.size() > rules.maxFramesPerRequest()) {
            throw new InvalidFieldException("body", "has " + root.size() + " frames; at most "
                    + rules.maxFramesPerRequest() + " are accepted per request");
        }
        List<EegFrame> frames = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            String prefix = "[" + i + "].";
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                throw new InvalidFieldException("[" + i + "]", "must be a frame object");
            }
            EegFrame frame = checkHeadset(frame(node, prefix), pathHeadsetId, prefix);
            // the processor ignores a seq at or below the last one as a replay: out of order would be lost silently
            if (!frames.isEmpty() && frame.seq() <= frames.get(frames.size() - 1).seq()) {
                throw new InvalidFieldException(prefix + "seq", "must be greater than the previous frame's seq "
                        + frames.get(frames.size() - 1).seq() + " (frames of a batch in order)");
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * A record value of the frame topic: exactly one frame object.
     *
     * @throws InvalidFieldException naming the first offending field
     */
    public EegFrame parseRecord(byte[] value) {
        JsonNode root = readJson(value);
        if (!root.isObject()) {
            throw new InvalidFieldException("body", "must be one frame object per record");
        }
        return frame(root, "");
    }

    private static JsonNode readJson(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidFieldException("body", "is empty; expected an EEG frame as JSON");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new InvalidFieldException("body", "is empty; expected an EEG frame as JSON");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidFieldException("body", "could not be read (" + e.getMessage() + ")");
        }
    }

    private static EegFrame checkHeadset(EegFrame frame, String pathHeadsetId, String prefix) {
        if (!frame.headsetId().equals(pathHeadsetId)) {
            throw new InvalidFieldException(prefix + "headsetId",
                    "is \"" + frame.headsetId() + "\" but the path names headset \"" + pathHeadsetId + "\"");
        }
        return frame;
    }

    private EegFrame frame(JsonNode root, String prefix) {
        String headsetId = checkId(prefix + "headsetId", requiredText(root, "headsetId", prefix));
        long seq = requiredLong(root, "seq", prefix, 0, Long.MAX_VALUE);
        int sampleRateHz = (int) requiredLong(root, "sampleRateHz", prefix, 1, Integer.MAX_VALUE);
        if (!rules.supportedSampleRates().contains(sampleRateHz)) {
            throw new InvalidFieldException(prefix + "sampleRateHz",
                    "must be one of " + sorted(rules.supportedSampleRates()) + " Hz");
        }
        List<String> channels = channels(root.get("channels"), prefix);
        long firstSampleAt = requiredLong(root, "firstSampleAt", prefix, 0, MAX_EPOCH_MILLIS);
        double[][] samples = samples(root.get("samples"), channels.size(), prefix);
        return new EegFrame(headsetId, seq, sampleRateHz, channels, firstSampleAt, samples);
    }

    private List<String> channels(JsonNode node, String prefix) {
        String field = prefix + "channels";
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!node.isArray()) {
            throw new InvalidFieldException(field, "must be an array of channel names");
        }
        if (node.isEmpty() || node.size() > rules.maxChannels()) {
            throw new InvalidFieldException(field, "must name between 1 and " + rules.maxChannels() + " channels");
        }
        List<String> names = new ArrayList<>(node.size());
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < node.size(); c++) {
            String channelField = field + "[" + c + "]";
            JsonNode name = node.get(c);
            if (!name.isTextual() || name.textValue().isBlank()) {
                throw new InvalidFieldException(channelField, "must be a non-empty channel name");
            }
            String text = checkId(channelField, name.textValue());
            if (!seen.add(text)) {
                throw new InvalidFieldException(channelField, "duplicates channel \"" + text + "\"");
            }
            names.add(text);
        }
        return List.copyOf(names);
    }

    private double[][] samples(JsonNode node, int channelCount, String prefix) {
        String field = prefix + "samples";
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!node.isArray()) {
            throw new InvalidFieldException(field, "must be an array of samples, one value per channel each");
        }
        if (node.isEmpty()) {
            throw new InvalidFieldException(field, "must contain at least one sample");
        }
        if (node.size() > rules.maxSamplesPerFrame()) {
            throw new InvalidFieldException(field, "has " + node.size() + " samples; at most "
                    + rules.maxSamplesPerFrame() + " per frame");
        }
        double[][] samples = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            String sampleField = field + "[" + i + "]";
            JsonNode sample = node.get(i);
            if (!sample.isArray()) {
                throw new InvalidFieldException(sampleField, "must be an array of one value per channel");
            }
            if (sample.size() != channelCount) {
                throw new InvalidFieldException(sampleField,
                        "has " + sample.size() + " values for " + channelCount + " channels");
            }
            double[] values = new double[channelCount];
            for (int c = 0; c < channelCount; c++) {
                JsonNode value = sample.get(c);
                if (!value.isNumber()) {
                    throw new InvalidFieldException(sampleField + "[" + c + "]", "must be a number (µV)");
                }
                double v = value.doubleValue();
                if (!Double.isFinite(v)) {
                    throw new InvalidFieldException(sampleField + "[" + c + "]",
                            "must be a finite number (µV), not " + v);
                }
                values[c] = v;
            }
            samples[i] = values;
        }
        return samples;
    }

    private static String requiredText(JsonNode root, String name, String prefix) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(prefix + name, "is required");
        }
        if (!node.isTextual()) {
            throw new InvalidFieldException(prefix + name, "must be a string");
        }
        return node.textValue();
    }

    private static long requiredLong(JsonNode root, String name, String prefix, long min, long max) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(prefix + name, "is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new InvalidFieldException(prefix + name, "must be an integer between " + min + " and " + max);
        }
        return node.longValue();
    }

    private String checkId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > rules.maxIdLength()) {
            throw new InvalidFieldException(field, "must be at most " + rules.maxIdLength() + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "must not contain control characters");
        }
        return value;
    }

    private static List<Integer> sorted(Set<Integer> values) {
        return values.stream().sorted().toList();
    }
}
