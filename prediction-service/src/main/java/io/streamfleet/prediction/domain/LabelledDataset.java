package io.streamfleet.prediction.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A labelled dataset in JSON lines, one window per line: {@code {"intent":"FORWARD","features":{...eeg-features...}}}.
 * Windows whose quality is not ok are skipped (the service never lets the model see them either), and so are windows
 * from a different montage than the first usable one; a line that breaks the format stops the load with its number.
 */
public final class LabelledDataset {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The usable examples, their channels, and how many lines were skipped for which reason. */
    public record Loaded(List<LabelledFeatures> examples, List<String> channels, int skippedBadQuality,
            int skippedOtherChannels) {
    }

    private LabelledDataset() {
    }

    public static Loaded read(Path path) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader.lines().toList(), path.toString());
        }
    }

    public static Loaded read(List<String> lines, String source) {
        List<LabelledFeatures> examples = new ArrayList<>();
        List<String> channels = null;
        int badQuality = 0;
        int otherChannels = 0;
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            LabelledFeatures example;
            try {
                example = parseLine(line);
            } catch (InvalidFieldException e) {
                throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage(), e);
            }
            if (!example.features().quality().ok()) {
                badQuality++;
                continue;
            }
            if (channels == null) {
                channels = example.features().channels();
            } else if (!Set.copyOf(channels).equals(Set.copyOf(example.features().channels()))) {
                otherChannels++;
                continue;
            }
            examples.add(example);
        }
        return new Loaded(List.copyOf(examples), channels == null ? List.of() : channels, badQuality, otherChannels);
    }

    public static LabelledFeatures parseLine(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("line", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFieldException("line", "must be a JSON object {\"intent\":..,\"features\":{..}}");
        }
        JsonNode intent = root.get("intent");
        Command command;
        try {
            command = Command.valueOf(intent == null ? "" : intent.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("intent", "must be one of " + List.of(Command.values()));
        }
        try {
            return new LabelledFeatures(command, FeaturesParser.parse(root.get("features")));
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("features." + e.field(), e.reason());
        }
    }
}
