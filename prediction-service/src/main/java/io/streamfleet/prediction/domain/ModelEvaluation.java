package io.streamfleet.prediction.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How well a model trained on part of a labelled dataset does on the rest: a seeded, stratified train/held-out split,
 * training on the first part and a confusion matrix on each. The trainer prints it; tests assert on it.
 */
public final class ModelEvaluation {

    private ModelEvaluation() {
    }

    public record Split(List<LabelledFeatures> training, List<LabelledFeatures> holdout) {
    }

    /**
     * Rows are the intended command, columns the predicted one, both in {@link Command} order.
     */
    public record Confusion(int[][] counts) {

        public int total() {
            int total = 0;
            for (int[] row : counts) {
                for (int c : row) {
                    total += c;
                }
            }
            return total;
        }

        public double accuracy() {
            int correct = 0;
            for (int k = 0; k < counts.length; k++) {
                correct += counts[k][k];
            }
            return total() == 0 ? Double.NaN : (double) correct / total();
        }

        /** Recall per intended command, for the commands that occur in the evaluated data. */
        public Map<Command, Double> perClassAccuracy() {
            Map<Command, Double> accuracy = new EnumMap<>(Command.class);
            for (Command command : Command.values()) {
                int[] row = counts[command.ordinal()];
                int support = 0;
                for (int c : row) {
                    support += c;
                }
                if (support > 0) {
                    accuracy.put(command, (double) row[command.ordinal()] / support);
                }
            }
            return accuracy;
        }

        public String format() {
            StringBuilder out = new StringBuilder(String.format("%-12s", "intent\\pred"));
            for (Command predicted : Command.values()) {
                out.append(String.format("%7s", abbreviate(predicted)));
            }
            out.append('\n');
            for (Command intent : Command.values()) {
                out.append(String.format("%-12s", intent));
                for (Command predicted : Command.values()) {
                    out.append(String.format("%7d", counts[intent.ordinal()][predicted.ordinal()]));
                }
                out.append('\n');
            }
            return out.toString();
        }

        private static String abbreviate(Command command) {
            String name = command.name();
            return name.length() <= 6 ? name : name.replace("ROTATE_", "R_");
        }
    }

    /** The model (trained on {@code split.training()}, accuracy fields filled in) and how it did on both parts. */
    public record Report(BandPowerModel model, Split split, Confusion training, Confusion holdout) {

        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("training windows %d, held-out windows %d%n", split.training().size(),
                    split.holdout().size()));
            out.append(String.format("training accuracy %.3f%n", training.accuracy()));
            out.append(String.format("held-out accuracy %.3f (chance with %d classes: %.3f)%n", holdout.accuracy(),
                    model.classes().size(), 1.0 / model.classes().size()));
            out.append("held-out accuracy per intended command:\n");
            holdout.perClassAccuracy().forEach((command, accuracy) -> out.append(
                    String.format("  %-11s %.3f%n", command, accuracy)));
            out.append("held-out confusion matrix (rows: intended, columns: predicted):\n");
            out.append(holdout.format());
            return out.toString();
        }
    }

    /** Per command, a seeded shuffle, then the first {@code holdoutFraction} of that command's windows held out. */
    public static Split stratifiedSplit(List<LabelledFeatures> data, double holdoutFraction, long seed) {
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be within (0, 1), was " + holdoutFraction);
        }
        Map<Command, List<LabelledFeatures>> byIntent = new LinkedHashMap<>();
        for (Command command : Command.values()) {
            byIntent.put(command, new ArrayList<>());
        }
        data.forEach(example -> byIntent.get(example.intent()).add(example));
        Random random = new Random(seed);
        List<LabelledFeatures> training = new ArrayList<>();
        List<LabelledFeatures> holdout = new ArrayList<>();
        for (List<LabelledFeatures> examples : byIntent.values()) {
            Collections.shuffle(examples, random);
            int held = (int) Math.round(examples.size() * holdoutFraction);
            // a command seen once is kept for training: a model cannot predict a class it never saw
            held = Math.min(held, examples.size() - 1);
            holdout.addAll(examples.subList(0, Math.max(held, 0)));
            training.addAll(examples.subList(Math.max(held, 0), examples.size()));
        }
        return new Split(List.copyOf(training), List.copyOf(holdout));
    }

    public static Confusion evaluate(BandPowerModel model, List<LabelledFeatures> data) {
        int[][] counts = new int[Command.values().length][Command.values().length];
        for (LabelledFeatures example : data) {
            Command predicted = model.classify(example.features()).command();
            counts[example.intent().ordinal()][predicted.ordinal()]++;
        }
        return new Confusion(counts);
    }

    /** Splits, trains on the training part, evaluates both parts; the returned model carries the figures. */
    public static Report trainAndEvaluate(List<LabelledFeatures> data, List<String> channels, double holdoutFraction,
            long seed, LdaTrainer.Options options) {
        Split split = stratifiedSplit(data, holdoutFraction, seed);
        BandPowerModel trained = LdaTrainer.train(split.training(), channels, BandPowerModel.KNOWN_BANDS, options);
        Confusion onTraining = evaluate(trained, split.training());
        Confusion onHoldout = evaluate(trained, split.holdout());
        Map<String, Double> perClass = new LinkedHashMap<>();
        onHoldout.perClassAccuracy().forEach((command, accuracy) -> perClass.put(command.name(), round(accuracy)));
        ModelFile f = trained.file();
        BandPowerModel withFigures = BandPowerModel.of(new ModelFile(f.name(), f.version(), f.kind(), f.channels(),
                f.bands(), f.classes(), f.featureMean(), f.featureStd(), f.weights(), f.bias(), f.trainedAt(),
                round(onTraining.accuracy()), round(onHoldout.accuracy()), perClass, split.training().size(),
                split.holdout().size(), f.dataset()));
        return new Report(withFigures, split, onTraining, onHoldout);
    }

    private static Double round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
