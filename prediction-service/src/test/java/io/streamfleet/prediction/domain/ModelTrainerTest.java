package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelTrainerTest {

    @Test
    void trainsFromJsonLinesSkippingBadWindowsAndWritesALoadableModel() throws Exception {
        SyntheticBandPowers generator = new SyntheticBandPowers(SyntheticBandPowers.PATTERN_SEED, 0.25, 11);
        List<String> lines = new ArrayList<>(generator.dataset(40).stream().map(SyntheticBandPowers::jsonLine).toList());
        LabelledFeatures bad = generator.dataset(1).get(0);
        lines.add(SyntheticBandPowers.jsonLine(bad).replace("\"ok\":true", "\"ok\":false"));
        lines.add("");
        Path data = Path.of("target/trainer-test/dataset.jsonl");
        Files.createDirectories(data.getParent());
        Files.write(data, lines, StandardCharsets.UTF_8);
        Path out = Path.of("target/trainer-test/model.json");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ModelEvaluation.Report report = ModelTrainer.run(new String[] { "--data", data.toString(), "--out",
                out.toString(), "--holdout", "0.25", "--seed", "42", "--version", "7", "--dataset", "unit test" },
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("440 usable windows, 1 skipped (quality not ok)"), text);
        assertTrue(text.contains("held-out accuracy"), text);
        assertTrue(text.contains("FORWARD"), text);
        BandPowerModel written = BandPowerModel.load(out);
        assertEquals("7", written.version());
        assertEquals("unit test", written.file().dataset());
        assertEquals(110, written.file().holdoutExamples());
        assertEquals(report.holdout().accuracy(), written.file().holdoutAccuracy(), 1e-4);
    }

    @Test
    void brokenLineStopsTheLoadWithItsNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelledDataset.read(List.of("", "{\"intent\":\"JUMP\",\"features\":{}}"), "d.jsonl"));
        assertTrue(e.getMessage().startsWith("d.jsonl line 2: intent"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LabelledDataset.read(List.of("{\"intent\":\"UP\",\"features\":{\"headsetId\":\"h\"}}"), "d.jsonl"));
        assertTrue(e.getMessage().startsWith("d.jsonl line 1: features.windowStart"), e.getMessage());
    }

    @Test
    void missingOptionIsAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> ModelTrainer.run(new String[] { "--data", "x.jsonl" },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
