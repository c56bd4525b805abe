package io.streamfleet.simulator.domain.burst;

import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Keeps a random fraction of a source's records (Bernoulli sampling): 1 keeps everything, 0 nothing. The generator is
 * injected so a test can seed it.
 */
public final class Sampler {

    private final RandomGenerator random;
    private volatile double keepFraction;

    public Sampler(double keepFraction, RandomGenerator random) {
        setKeepFraction(keepFraction);
        this.random = random;
    }

    public Sampler(double keepFraction) {
        this(keepFraction, new Random());
    }

    public void setKeepFraction(double keepFraction) {
        if (!(keepFraction >= 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException("a sampling fraction is between 0 and 1, was " + keepFraction);
        }
        this.keepFraction = keepFraction;
    }

    public double keepFraction() {
        return keepFraction;
    }

    public boolean keep() {
        double fraction = keepFraction;
        if (fraction >= 1) {
            return true;
        }
        return fraction > 0 && random.nextDouble() < fraction;
    }
}
