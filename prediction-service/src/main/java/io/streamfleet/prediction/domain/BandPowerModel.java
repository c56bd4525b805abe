package io.streamfleet.prediction.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The built-in classifier: a linear model over standardised log10 band powers with a softmax on top (see
 * {@link ModelFile} for the arithmetic). Immutable; validated on construction, so a loaded model always fits its own
 * channels, bands and classes.
 */
public final class BandPowerModel {

    /** The bands eeg-ingest computes (docs/contracts.md); a model may use any of them. */
    public static final List<String> KNOWN_BANDS = List.of("delta", "theta", "alpha", "beta", "gamma");

    /** Band powers below this (µV²) are treated as this: log10(0) has no value, and a flat channel is flagged anyway. */
    public static final double POWER_FLOOR = 1e-6;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final ModelFile file;
    private final List<Command> classes;
    private final Set<String> channelSet;

    private BandPowerModel(ModelFile file, List<Command> classes) {
        this.file = file;
        this.classes = List.copyOf(classes);
        this.channelSet = Set.copyOf(file.channels());
    }

    /** @throws InvalidModelException saying which part of the file does not fit */
    public static BandPowerModel of(ModelFile file) {
        return new BandPowerModel(file, validate(file));
    }

    /** @param source where the bytes came from, for the error message */
    public static BandPowerModel read(InputStream json, String source) {
        ModelFile file;
        try {
            file = MAPPER.readValue(json, ModelFile.class);
        } catch (IOException e) {
            throw new InvalidModelException("model file " + source + " is not a readable model JSON: "
                    + e.getMessage(), e);
        }
        if (file == null) {
            throw new InvalidModelException("model file " + source + " is empty");
        }
        try {
            return of(file);
        } catch (InvalidModelException e) {
            throw new InvalidModelException("model file " + source + ": " + e.getMessage(), e);
        }
    }

    public static BandPowerModel load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new InvalidModelException("model file " + path.toAbsolutePath() + " cannot be read: " + e, e);
        }
    }

    public static BandPowerModel loadResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidModelException("model resource " + resource + " is not on the classpath");
            }
            return read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new InvalidModelException("model resource " + resource + " cannot be read: " + e, e);
        }
    }

    public void write(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(path.toFile(), file);
    }

    public ModelFile file() {
        return file;
    }

    public String name() {
        return file.name();
    }

    public String version() {
        return file.version();
    }

    public List<Command> classes() {
        return classes;
    }

    public List<String> channels() {
        return file.channels();
    }

    public List<String> bands() {
        return file.bands();
    }

    public int featureCount() {
        return file.channels().size() * file.bands().size();
    }

    /**
     * log10 of each of the model's channel × band powers, channel-major, not standardised.
     *
     * @throws InvalidFieldException if the window's channels are not the model's, or a band the model needs is missing
     */
    public double[] logBandPowers(EegFeatures features) {
        if (!channelSet.equals(Set.copyOf(features.channels()))) {
            throw new InvalidFieldException("channels", features.channels() + " do not match the channels of model "
                    + name() + " v" + version() + " " + file.channels());
        }
        return logBandPowers(file.channels(), file.bands(), features);
    }

    /**
     * log10 of the given channel × band powers of a window, channel-major: the feature layout of every model.
     *
     * @throws InvalidFieldException if a channel or band is missing from the window
     */
    public static double[] logBandPowers(List<String> channels, List<String> bands, EegFeatures features) {
        double[] x = new double[channels.size() * bands.size()];
        int i = 0;
        for (String channel : channels) {
            Map<String, Double> powers = features.bands().get(channel);
            if (powers == null) {
                throw new InvalidFieldException("bands." + channel, "is missing; the model needs it");
            }
            for (String band : bands) {
                Double power = powers.get(band);
                if (power == null) {
                    throw new InvalidFieldException("bands." + channel + "." + band, "is missing; the model needs it");
                }
                x[i++] = Math.log10(Math.max(power, POWER_FLOOR));
            }
        }
        return x;
    }

    public Classification classify(EegFeatures features) {
        return classify(logBandPowers(features));
    }

    public Classification classify(double[] logBandPowers) {
        return Classification.mostProbable(classes, probabilities(logBandPowers), name(), version());
    }

    /** Class probabilities, in the order of {@link #classes()}. */
    public double[] probabilities(double[] logBandPowers) {
        double[] mean = file.featureMean();
        double[] std = file.featureStd();
        double[][] weights = file.weights();
        double[] bias = file.bias();
        double[] scores = new double[classes.size()];
        for (int k = 0; k < scores.length; k++) {
            double score = bias[k];
            double[] w = weights[k];
            for (int j = 0; j < w.length; j++) {
                score += w[j] * ((logBandPowers[j] - mean[j]) / std[j]);
            }
            scores[k] = score;
        }
        return softmax(scores);
    }

    /** Numerically stable softmax: shifting by the maximum changes nothing mathematically and avoids overflow. */
    public static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] p = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            p[k] = Math.exp(scores[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static List<Command> validate(ModelFile f) {
        require(f.name() != null && !f.name().isBlank(), "name is required");
        require(f.version() != null && !f.version().isBlank(), "version is required");
        require(f.channels() != null && !f.channels().isEmpty(), "channels must list at least one channel");
        require(new HashSet<>(f.channels()).size() == f.channels().size(), "channels " + f.channels()
                + " name a channel twice");
        require(f.bands() != null && !f.bands().isEmpty(), "bands must list at least one band");
        require(new HashSet<>(f.bands()).size() == f.bands().size(), "bands " + f.bands() + " name a band twice");
        for (String band : f.bands()) {
            require(KNOWN_BANDS.contains(band), "band " + band + " is not one of " + KNOWN_BANDS);
        }
        require(f.classes() != null && f.classes().size() >= 2, "classes must list at least two commands");
        List<Command> classes = new ArrayList<>();
        for (String name : f.classes()) {
            Command command;
            try {
                command = Command.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidModelException("class " + name + " is not a command " + List.of(Command.values()));
            }
            require(!classes.contains(command), "classes name " + name + " twice");
            classes.add(command);
        }
        int features = f.channels().size() * f.bands().size();
        String perFeature = " (channels × bands = " + f.channels().size() + " × " + f.bands().size() + ")";
        requireLength(f.featureMean(), features, "featureMean", perFeature);
        requireLength(f.featureStd(), features, "featureStd", perFeature);
        for (double std : f.featureStd()) {
            require(std > 0 && Double.isFinite(std), "featureStd must be positive and finite, found " + std);
        }
        requireFinite(f.featureMean(), "featureMean");
        require(f.weights() != null && f.weights().length == classes.size(), "weights must have one row per class ("
                + classes.size() + "), found " + (f.weights() == null ? "none" : f.weights().length));
        for (int k = 0; k < f.weights().length; k++) {
            requireLength(f.weights()[k], features, "weights[" + k + "] (" + classes.get(k) + ")", perFeature);
            requireFinite(f.weights()[k], "weights[" + k + "]");
        }
        requireLength(f.bias(), classes.size(), "bias", " (one per class)");
        requireFinite(f.bias(), "bias");
        return classes;
    }

    private static void requireLength(double[] values, int expected, String field, String why) {
        require(values != null && values.length == expected, field + " must have " + expected + " values" + why
                + ", found " + (values == null ? "none" : values.length));
    }

    private static void requireFinite(double[] values, String field) {
        for (double v : values) {
            require(Double.isFinite(v), field + " contains " + v);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidModelException(message);
        }
    }
}
