package io.streamfleet.prediction.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic labelled band powers for tests and for the placeholder model: every command shifts the log10 power of a
 * few channel × band features (its "signature", drawn once from {@code patternSeed}); each window adds Gaussian noise
 * per feature and a common gain per window, as electrode impedance would. HOVER is the resting baseline. Not EEG: it
 * only proves that the trainer learns class-dependent band-power shifts.
 * <p>
 * Writes a dataset for {@link ModelTrainer} with
 * {@code java -cp "prediction-service/target/test-classes:prediction-service/target/quarkus-app/app/*:prediction-service/target/quarkus-app/lib/main/*" io.streamfleet.prediction.domain.SyntheticBandPowers --out target/synthetic.jsonl --per-class 200 --seed 7}.
 */
public final class SyntheticBandPowers {

    public static final List<String> CYTON_CHANNELS = List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2");
    public static final long PATTERN_SEED = 20261122L;

    /** Resting log10 µV² per band (delta, theta, alpha, beta, gamma): falling with frequency, as real EEG does. */
    private static final double[] BASELINE = { 1.1, 0.7, 0.9, 0.4, -0.2 };
    private static final int SHIFTED_FEATURES = 4;
    private static final double SHIFT = 0.35;

    private final List<String> channels;
    private final double[][] signature;
    private final double noise;
    private final Random random;

    /**
     * @param noise      standard deviation of the per-feature noise in log10 units (the shifts are {@value #SHIFT})
     * @param sampleSeed seed of the noise, so a dataset is reproducible
     */
    public SyntheticBandPowers(long patternSeed, double noise, long sampleSeed) {
        this.channels = CYTON_CHANNELS;
        this.noise = noise;
        this.random = new Random(sampleSeed);
        int features = channels.size() * BASELINE.length;
        Random pattern = new Random(patternSeed);
        signature = new double[Command.values().length][features];
        for (Command command : Command.values()) {
            if (command == Command.HOVER) {
                continue;
            }
            for (int s = 0; s < SHIFTED_FEATURES; s++) {
                signature[command.ordinal()][pattern.nextInt(features)] += pattern.nextBoolean() ? SHIFT : -SHIFT;
            }
        }
    }

    public List<String> channels() {
        return channels;
    }

    /** A noisy window of {@code intent}. */
    public EegFeatures window(Command intent, String headsetId, long windowEnd) {
        return blend(intent, intent, 0, headsetId, windowEnd, noise);
    }

    /** The class mean of {@code intent} without noise: what any decent model must recognise. */
    public EegFeatures cleanWindow(Command intent, String headsetId, long windowEnd) {
        return blend(intent, intent, 0, headsetId, windowEnd, 0);
    }

    /** A window part-way ({@code towardsB} from 0 to 1) between two commands' signatures: ambiguous at 0.5. */
    public EegFeatures blend(Command a, Command b, double towardsB, String headsetId, long windowEnd, double noiseSd) {
        double gain = random.nextGaussian() * noiseSd / 2;
        Map<String, Map<String, Double>> bands = new LinkedHashMap<>();
        int feature = 0;
        for (String channel : channels) {
            Map<String, Double> powers = new LinkedHashMap<>();
            for (int band = 0; band < BASELINE.length; band++) {
                double shift = (1 - towardsB) * signature[a.ordinal()][feature] + towardsB * signature[b.ordinal()][feature];
                double log = BASELINE[band] + shift + gain + random.nextGaussian() * noiseSd;
                powers.put(BandPowerModel.KNOWN_BANDS.get(band), Math.pow(10, log));
                feature++;
            }
            bands.put(channel, powers);
        }
        return new EegFeatures(headsetId, windowEnd - 2000, windowEnd, 250, channels, bands,
                new EegFeatures.Quality(true, 0, List.of(), List.of()));
    }

    public List<LabelledFeatures> dataset(int perCommand) {
        List<LabelledFeatures> data = new ArrayList<>();
        long t = 1_713_763_500_000L;
        for (int i = 0; i < perCommand; i++) {
            for (Command command : Command.values()) {
                t += 250;
                data.add(new LabelledFeatures(command, window(command, "synthetic-1", t)));
            }
        }
        return data;
    }

    /** The eeg-features wire JSON of a window (docs/contracts.md). */
    public static String json(EegFeatures f) {
        StringBuilder bands = new StringBuilder();
        f.bands().forEach((channel, powers) -> {
            bands.append(bands.length() == 0 ? "" : ",").append('"').append(channel).append("\":{");
            StringBuilder perBand = new StringBuilder();
            powers.forEach((band, power) -> perBand.append(perBand.length() == 0 ? "" : ",")
                    .append('"').append(band).append("\":").append(power));
            bands.append(perBand).append('}');
        });
        String channels = String.join(",", f.channels().stream().map(c -> '"' + c + '"').toList());
        return "{\"headsetId\":\"" + f.headsetId() + "\",\"windowStart\":" + f.windowStart() + ",\"windowEnd\":"
                + f.windowEnd() + ",\"sampleRateHz\":" + f.sampleRateHz() + ",\"channels\":[" + channels
                + "],\"bands\":{" + bands + "},\"quality\":{\"ok\":" + f.quality().ok() + ",\"droppedFrames\":"
                + f.quality().droppedFrames() + ",\"railingChannels\":[],\"flatChannels\":[]}}";
    }

    public static String jsonLine(LabelledFeatures example) {
        return "{\"intent\":\"" + example.intent() + "\",\"features\":" + json(example.features()) + "}";
    }

    public static void write(List<LabelledFeatures> data, Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.write(path, data.stream().map(SyntheticBandPowers::jsonLine).toList(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SyntheticBandPowers generator = new SyntheticBandPowers(PATTERN_SEED,
                Double.parseDouble(options.getOrDefault("noise", "0.25")),
                Long.parseLong(options.getOrDefault("seed", "7")));
        Path out = Path.of(options.getOrDefault("out", "target/synthetic-eeg-features-labelled.jsonl"));
        write(generator.dataset(Integer.parseInt(options.getOrDefault("per-class", "200"))), out);
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
