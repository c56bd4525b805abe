package io.streamfleet.prediction.domain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line trainer for the built-in model. Reads a JSON-lines dataset ({@link LabelledDataset}), holds out a
 * seeded stratified part, trains LDA on the rest, prints training and held-out accuracy with the confusion matrix,
 * and writes the model file the service loads:
 * <pre>
 * ./mvnw -B -ntp -pl prediction-service -am package -DskipTests
 * java -cp "prediction-service/target/quarkus-app/app/*:prediction-service/target/quarkus-app/lib/main/*" \
 *   io.streamfleet.prediction.domain.ModelTrainer --data eeg-features-labelled.jsonl \
 *   --out prediction-service/src/main/resources/models/bandpower-lda.json --holdout 0.25 --seed 42 \
 *   --version 2 --dataset "simulator capture 2026-12-01, headset h1, 8-channel Cyton"
 * </pre>
 */
public final class ModelTrainer {

    static final String USAGE = """
            usage: ModelTrainer --data <dataset.jsonl> --out <model.json> [--holdout 0.25] [--seed 42]
                                [--name bandpower-lda] [--version 1] [--shrinkage 0.1] [--dataset "<description>"]
            """;

    private ModelTrainer() {
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("could not read or write: " + e);
            System.exit(1);
        }
    }

    /** Trains, prints the report to {@code out}, writes the model; returns the report. */
    public static ModelEvaluation.Report run(String[] args, PrintStream out) throws IOException {
        Map<String, String> options = options(args);
        Path data = Path.of(required(options, "data"));
        Path target = Path.of(required(options, "out"));
        double holdout = Double.parseDouble(options.getOrDefault("holdout", "0.25"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));

        LabelledDataset.Loaded loaded = LabelledDataset.read(data);
        out.printf("dataset %s: %d usable windows, %d skipped (quality not ok), %d skipped (other channels than %s)%n",
                data, loaded.examples().size(), loaded.skippedBadQuality(), loaded.skippedOtherChannels(),
                loaded.channels());
        String description = options.getOrDefault("dataset", data.getFileName() + ", " + loaded.examples().size()
                + " windows with quality ok");
        LdaTrainer.Options training = new LdaTrainer.Options(options.getOrDefault("name", "bandpower-lda"),
                options.getOrDefault("version", "1"), Double.parseDouble(options.getOrDefault("shrinkage", "0.1")),
                description);

        ModelEvaluation.Report report = ModelEvaluation.trainAndEvaluate(loaded.examples(), loaded.channels(),
                holdout, seed, training);
        out.print(report.format());
        report.model().write(target);
        out.printf("model %s v%s written to %s%n", report.model().name(), report.model().version(),
                target.toAbsolutePath());
        return report;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> known = List.of("data", "out", "holdout", "seed", "name", "version", "shrinkage", "dataset");
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            options.put(key, args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }
}
