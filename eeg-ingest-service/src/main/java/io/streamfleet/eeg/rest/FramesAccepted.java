package io.streamfleet.eeg.rest;

/** The 202 answer of {@code POST /eeg/{headsetId}/frames}: how many frames the broker acknowledged, and their seqs. */
public record FramesAccepted(String headsetId, int frames, long firstSeq, long lastSeq) {
}
