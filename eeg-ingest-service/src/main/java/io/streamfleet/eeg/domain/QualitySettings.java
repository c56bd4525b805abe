package io.streamfleet.eeg.domain;

/**
 * Thresholds of the signal-quality flags. A channel rails when any raw value of the window reaches
 * {@code railingMicrovolts} in magnitude (the Cyton's ADC spans ±187,500 µV); it is flat when the variance of its raw
 * values over the window is below {@code flatVarianceMicrovolts2} (µV²).
 */
public record QualitySettings(double railingMicrovolts, double flatVarianceMicrovolts2) {

    public static final QualitySettings DEFAULTS = new QualitySettings(187_000, 0.01);
}
