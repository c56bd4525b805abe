package io.streamfleet.drone.domain;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code prediction-results} value (docs/contracts.md). {@code headsetId}, {@code command},
 * {@code confidence} (0..1) and {@code predictedAt} are required; a missing {@code reason} (producers that predate it)
 * reads as {@code model}. Unknown fields are ignored so producers can add fields.
 */
public final class PredictionParser {

    /** Trailing content ({"a":1}{"b":2}, {"a":1}x) makes the whole value invalid rather than silently ignored. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_ID_LENGTH = 128;

    private PredictionParser() {
    }

    /** @throws InvalidFieldException naming the first offending field */
    public static Prediction parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidFieldException("body", "is empty; expected a prediction JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidFieldException("body", "could not be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object");
        }
        String headsetId = requiredText(root, "headsetId");
        MentalCommand command = command(requiredText(root, "command"));
        JsonNode confidenceNode = root.get("confidence");
        if (confidenceNode == null || !confidenceNode.isNumber()) {
            throw new InvalidFieldException("confidence", "is required and must be a number between 0 and 1");
        }
        double confidence = confidenceNode.asDouble();
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidFieldException("confidence", "must be between 0 and 1");
        }
        JsonNode predictedAt = root.get("predictedAt");
        if (predictedAt == null || !predictedAt.canConvertToLong() || predictedAt.asLong() < 0) {
            throw new InvalidFieldException("predictedAt", "is required and must be epoch milliseconds");
        }
        JsonNode windowEnd = root.get("windowEnd");
        String reason = optionalText(root, "reason");
        return new Prediction(headsetId,
                windowEnd != null && windowEnd.canConvertToLong() ? windowEnd.asLong() : null,
                command, confidence, optionalText(root, "model"), optionalText(root, "modelVersion"),
                predictedAt.asLong(), reason == null ? Prediction.REASON_MODEL : reason);
    }

    private static MentalCommand command(String text) {
        try {
            return MentalCommand.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("command", "must be one of " + Arrays.toString(MentalCommand.values()));
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidFieldException(field, "is required and must be a non-empty string");
        }
        if (node.asText().length() > MAX_ID_LENGTH) {
            throw new InvalidFieldException(field, "must be at most " + MAX_ID_LENGTH + " characters");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
