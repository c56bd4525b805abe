package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class LdaTrainerTest {

    private static final double CHANCE = 1.0 / Command.values().length;
    private static final LdaTrainer.Options OPTIONS = LdaTrainer.Options.defaults("synthetic test data");

    private static List<LabelledFeatures> synthetic(long sampleSeed) {
        return new SyntheticBandPowers(SyntheticBandPowers.PATTERN_SEED, 0.25, sampleSeed).dataset(120);
    }

    @Test
    void learnsClassDependentBandPowerShifts() {
        ModelEvaluation.Report report = ModelEvaluation.trainAndEvaluate(synthetic(1), SyntheticBandPowers.CYTON_CHANNELS,
                0.25, 42, OPTIONS);
        System.out.print(report.format());
        assertTrue(report.holdout().accuracy() > 3 * CHANCE, report.format());
        report.holdout().perClassAccuracy().forEach((command, accuracy) ->
                assertTrue(accuracy > 2 * CHANCE, command + " " + accuracy));
        assertEquals(report.holdout().accuracy(), report.model().file().holdoutAccuracy(), 1e-4);
        assertEquals(Command.values().length, report.model().classes().size());
    }

    @Test
    void shuffledLabelsGiveChance() {
        List<LabelledFeatures> data = synthetic(2);
        List<Command> labels = new ArrayList<>(data.stream().map(LabelledFeatures::intent).toList());
        Collections.shuffle(labels, new Random(3));
        List<LabelledFeatures> shuffled = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            shuffled.add(new LabelledFeatures(labels.get(i), data.get(i).features()));
        }
        ModelEvaluation.Report report = ModelEvaluation.trainAndEvaluate(shuffled, SyntheticBandPowers.CYTON_CHANNELS,
                0.25, 42, OPTIONS);
        // the same features with their true labels are learnt (test above); shuffled, nothing generalises
        assertTrue(report.holdout().accuracy() < 2 * CHANCE, report.format());
    }

    @Test
    void splitIsStratifiedAndReproducible() {
        List<LabelledFeatures> data = synthetic(4);
        ModelEvaluation.Split split = ModelEvaluation.stratifiedSplit(data, 0.25, 42);
        assertEquals(data.size(), split.training().size() + split.holdout().size());
        Map<Command, Long> heldPerCommand = split.holdout().stream()
                .collect(Collectors.groupingBy(LabelledFeatures::intent, Collectors.counting()));
        assertEquals(Command.values().length, heldPerCommand.size());
        heldPerCommand.values().forEach(count -> assertEquals(30L, count));
        assertEquals(split, ModelEvaluation.stratifiedSplit(data, 0.25, 42));
        assertNotEquals(split.holdout(), ModelEvaluation.stratifiedSplit(data, 0.25, 43).holdout());
    }

    @Test
    void twoGaussianClassesMeetHalfWayBetweenTheirMeans() {
        // one feature, LEFT around log10 = 0 and RIGHT around 2, equal spread and count: with a shared variance and
        // equal priors the posterior is exactly 0.5 half-way between the two sample means
        List<LabelledFeatures> data = new ArrayList<>();
        Random random = new Random(5);
        double leftSum = 0;
        double rightSum = 0;
        for (int i = 0; i < 400; i++) {
            double left = random.nextGaussian() * 0.3;
            double right = 2 + random.nextGaussian() * 0.3;
            leftSum += left;
            rightSum += right;
            data.add(example(Command.LEFT, Math.pow(10, left)));
            data.add(example(Command.RIGHT, Math.pow(10, right)));
        }
        BandPowerModel model = LdaTrainer.train(data, List.of("C3"), List.of("alpha"),
                new LdaTrainer.Options("two", "1", 0.0, "two gaussians"));
        assertEquals(List.of(Command.LEFT, Command.RIGHT), model.classes());
        Function<Double, double[]> posterior = log -> model.probabilities(new double[] { log });
        double midpoint = (leftSum + rightSum) / 800;
        assertEquals(0.5, posterior.apply(midpoint)[0], 1e-6);
        assertTrue(posterior.apply(midpoint - 0.1)[0] > 0.5);
        assertTrue(posterior.apply(0.0)[0] > 0.99);
        assertTrue(posterior.apply(2.0)[1] > 0.99);
    }

    @Test
    void sameExamplesGiveTheSameModel() {
        List<LabelledFeatures> data = synthetic(6);
        BandPowerModel a = LdaTrainer.train(data, SyntheticBandPowers.CYTON_CHANNELS, BandPowerModel.KNOWN_BANDS, OPTIONS);
        BandPowerModel b = LdaTrainer.train(data, SyntheticBandPowers.CYTON_CHANNELS, BandPowerModel.KNOWN_BANDS, OPTIONS);
        assertTrue(java.util.Arrays.deepEquals(a.file().weights(), b.file().weights()));
    }

    private static LabelledFeatures example(Command intent, double alpha) {
        return new LabelledFeatures(intent, new EegFeatures("h", 0, 1, 250, List.of("C3"),
                Map.of("C3", Map.of("alpha", alpha)), new EegFeatures.Quality(true, 0, List.of(), List.of())));
    }
}
