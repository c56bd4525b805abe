package io.streamfleet.eeg.domain;

/**
 * How each channel is conditioned before band powers are taken: the mains frequency to notch out (50 or 60 Hz), the
 * notch's quality factor (centre / bandwidth), and the band-pass edges.
 */
public record FilterSettings(double mainsHz, double notchQ, double lowCutHz, double highCutHz) {

    public static final FilterSettings DEFAULTS = new FilterSettings(50, 30, 1, 45);
}
