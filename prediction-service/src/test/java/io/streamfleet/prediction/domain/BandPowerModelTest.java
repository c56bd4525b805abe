package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BandPowerModelTest {

    /** Two channels, one band, three classes; weights chosen so the scores are easy to compute by hand. */
    static ModelFile tiny() {
        return new ModelFile("tiny", "3", "lda", List.of("C3", "C4"), List.of("alpha"), List.of("HOVER", "LEFT", "RIGHT"),
                new double[] { 1, 1 }, new double[] { 0.5, 0.5 },
                new double[][] { { 0, 0 }, { 1, -1 }, { -1, 1 } }, new double[] { 0, 0, 0 },
                "2026-11-22T00:00:00Z", 0.9, 0.8, Map.of(), 10, 5, "hand-made");
    }

    private static EegFeatures window(double c3Alpha, double c4Alpha) {
        return new EegFeatures("h1", 0, 2000, 250, List.of("C4", "C3"),
                Map.of("C3", Map.of("alpha", c3Alpha, "beta", 1.0), "C4", Map.of("alpha", c4Alpha)),
                new EegFeatures.Quality(true, 0, List.of(), List.of()));
    }

    @Test
    void softmaxIsNormalisedAndStableForLargeScores() {
        double[] p = BandPowerModel.softmax(new double[] { 1000, 1000, 999 });
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        assertEquals(p[0], p[1], 1e-12);
        assertEquals(Math.exp(-1) / (2 + Math.exp(-1)), p[2], 1e-12);
    }

    @Test
    void probabilitiesAreSoftmaxOfStandardisedLogBandPowers() {
        BandPowerModel model = BandPowerModel.of(tiny());
        // log10(1000) = 3, log10(10) = 1 -> standardised (3-1)/0.5 = 4 and (1-1)/0.5 = 0 -> scores 0, 4, -4
        EegFeatures features = window(1000, 10);
        assertArrayEquals(new double[] { 3, 1 }, model.logBandPowers(features), 1e-12);
        double[] expected = BandPowerModel.softmax(new double[] { 0, 4, -4 });
        assertArrayEquals(expected, model.probabilities(model.logBandPowers(features)), 1e-12);
        Classification answer = model.classify(features);
        assertEquals(Command.LEFT, answer.command());
        assertEquals(expected[1], answer.confidence(), 1e-12);
        assertEquals("tiny", answer.model());
        assertEquals("3", answer.modelVersion());
        assertEquals(Command.RIGHT, model.classify(window(10, 1000)).command());
    }

    @Test
    void zeroPowerIsFlooredNotInfinite() {
        BandPowerModel model = BandPowerModel.of(tiny());
        assertEquals(Math.log10(BandPowerModel.POWER_FLOOR), model.logBandPowers(window(0, 10))[0], 1e-12);
    }

    @Test
    void windowFromAnotherMontageIsRejectedNamingChannels() {
        BandPowerModel model = BandPowerModel.of(tiny());
        EegFeatures other = new EegFeatures("h1", 0, 2000, 250, List.of("C3", "O1"),
                Map.of("C3", Map.of("alpha", 1.0), "O1", Map.of("alpha", 1.0)),
                new EegFeatures.Quality(true, 0, List.of(), List.of()));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> model.classify(other));
        assertEquals("channels", e.field());
        assertTrue(e.getMessage().contains("tiny"), e.getMessage());
        EegFeatures noAlpha = new EegFeatures("h1", 0, 2000, 250, List.of("C3", "C4"),
                Map.of("C3", Map.of("alpha", 1.0), "C4", Map.of("beta", 1.0)),
                new EegFeatures.Quality(true, 0, List.of(), List.of()));
        assertEquals("bands.C4.alpha", assertThrows(InvalidFieldException.class, () -> model.classify(noAlpha)).field());
    }

    @Test
    void shapeErrorsAreReportedClearly() {
        ModelFile t = tiny();
        assertInvalid("weights must have one row per class (3), found 2", new ModelFile(t.name(), t.version(), t.kind(),
                t.channels(), t.bands(), t.classes(), t.featureMean(), t.featureStd(),
                new double[][] { { 0, 0 }, { 1, -1 } }, t.bias(), null, null, null, null, null, null, null));
        assertInvalid("weights[1] (LEFT) must have 2 values", new ModelFile(t.name(), t.version(), t.kind(),
                t.channels(), t.bands(), t.classes(), t.featureMean(), t.featureStd(),
                new double[][] { { 0, 0 }, { 1 }, { -1, 1 } }, t.bias(), null, null, null, null, null, null, null));
        assertInvalid("featureStd must be positive", new ModelFile(t.name(), t.version(), t.kind(), t.channels(),
                t.bands(), t.classes(), t.featureMean(), new double[] { 0.5, 0 }, t.weights(), t.bias(), null, null,
                null, null, null, null, null));
        assertInvalid("featureMean must have 2 values", new ModelFile(t.name(), t.version(), t.kind(), t.channels(),
                t.bands(), t.classes(), new double[] { 1 }, t.featureStd(), t.weights(), t.bias(), null, null, null,
                null, null, null, null));
        assertInvalid("class JUMP is not a command", new ModelFile(t.name(), t.version(), t.kind(), t.channels(),
                t.bands(), List.of("HOVER", "LEFT", "JUMP"), t.featureMean(), t.featureStd(), t.weights(), t.bias(),
                null, null, null, null, null, null, null));
        assertInvalid("band mu is not one of", new ModelFile(t.name(), t.version(), t.kind(), t.channels(),
                List.of("mu"), t.classes(), t.featureMean(), t.featureStd(), t.weights(), t.bias(), null, null, null,
                null, null, null, null));
        assertInvalid("bias must have 3 values", new ModelFile(t.name(), t.version(), t.kind(), t.channels(),
                t.bands(), t.classes(), t.featureMean(), t.featureStd(), t.weights(), new double[] { 0 }, null, null,
                null, null, null, null, null));
        assertInvalid("version is required", new ModelFile(t.name(), null, t.kind(), t.channels(), t.bands(),
                t.classes(), t.featureMean(), t.featureStd(), t.weights(), t.bias(), null, null, null, null, null, null,
                null));
    }

    @Test
    void unreadableFilesNameTheirSource() {
        InvalidModelException notJson = assertThrows(InvalidModelException.class, () -> BandPowerModel.read(
                new ByteArrayInputStream("{\"name\":".getBytes(StandardCharsets.UTF_8)), "broken.json"));
        assertTrue(notJson.getMessage().startsWith("model file broken.json"), notJson.getMessage());
        InvalidModelException badShape = assertThrows(InvalidModelException.class, () -> BandPowerModel.read(
                new ByteArrayInputStream("{\"name\":\"x\",\"version\":\"1\"}".getBytes(StandardCharsets.UTF_8)),
                "short.json"));
        assertTrue(badShape.getMessage().startsWith("model file short.json: channels"), badShape.getMessage());
        assertThrows(InvalidModelException.class, () -> BandPowerModel.load(Path.of("target/no-such-model.json")));
        assertThrows(InvalidModelException.class, () -> BandPowerModel.loadResource("models/no-such-model.json"));
    }

    @Test
    void writtenModelLoadsBackIdentically() throws Exception {
        BandPowerModel model = BandPowerModel.of(tiny());
        Path path = Path.of("target/test-models/tiny-roundtrip.json");
        model.write(path);
        BandPowerModel loaded = BandPowerModel.load(path);
        assertEquals(model.classes(), loaded.classes());
        assertEquals("hand-made", loaded.file().dataset());
        assertEquals(0.8, loaded.file().holdoutAccuracy());
        EegFeatures features = window(300, 20);
        assertArrayEquals(model.probabilities(model.logBandPowers(features)),
                loaded.probabilities(loaded.logBandPowers(features)), 0);
    }

    @Test
    void shippedModelLoadsAndFitsTheCytonMontage() {
        BandPowerModel shipped = BandPowerModel.loadResource("models/bandpower-lda.json");
        assertEquals(SyntheticBandPowers.CYTON_CHANNELS, shipped.channels());
        assertEquals(BandPowerModel.KNOWN_BANDS, shipped.bands());
        assertEquals(List.of(Command.values()), shipped.classes());
        assertTrue(shipped.file().holdoutAccuracy() != null && shipped.file().dataset() != null);
    }

    private static void assertInvalid(String expected, ModelFile file) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> BandPowerModel.of(file));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
