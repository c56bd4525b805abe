package io.streamfleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.streamfleet.deploy.TopicCreator.TopicSpec;

class TopicCreatorTest {

    @Test
    void parsesNamesAndPartitionsSkippingCommentsAndBlankLines() {
        List<TopicSpec> specs = TopicCreator.parse(List.of(
                "# a comment",
                "",
                "widget-orders 3",
                "  widget-orders.dlq\t1   # dead letters",
                "   "));
        assertEquals(List.of(new TopicSpec("widget-orders", 3), new TopicSpec("widget-orders.dlq", 1)), specs);
    }

    @Test
    void malformedLinesAreRejectedWithTheirLineNumber() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopicCreator.parse(List.of("# x", "a")))
                .getMessage().startsWith("line 2:"));
        assertThrows(IllegalArgumentException.class, () -> TopicCreator.parse(List.of("a 3 extra")));
        assertThrows(IllegalArgumentException.class, () -> TopicCreator.parse(List.of("a three")));
        assertThrows(IllegalArgumentException.class, () -> TopicCreator.parse(List.of("a 0")));
        assertThrows(IllegalArgumentException.class, () -> TopicCreator.parse(List.of("a 1", "a 2")));
    }

    @Test
    void projectTopicFileHasEveryDesignTopicAndADeadLetterTopicForEach() throws IOException {
        Map<String, Integer> topics = TopicCreator.parse(Files.readAllLines(Path.of("topics.txt"))).stream()
                .collect(Collectors.toMap(TopicSpec::name, TopicSpec::partitions));

        Map<String, Integer> design = new java.util.HashMap<>(Map.of(
                "eeg-brainwave-data", 3, "eeg-features", 3, "prediction-results", 3, "drone-commands", 3,
                "satellite-telemetry", 3, "sensor-stream", 2, "widget-orders", 3));
        List.of("camera-rgb", "camera-slam-left", "camera-slam-right", "camera-eyetracking", "imu-right", "imu-left",
                "magnetometer", "barometer", "microphone").forEach(stream -> design.put("aria." + stream, 3));

        Map<String, Integer> expected = design.keySet().stream()
                .collect(Collectors.toMap(Function.identity(), design::get));
        design.keySet().forEach(topic -> expected.put(topic + ".dlq", 1));
        assertEquals(expected, topics);
    }
}
