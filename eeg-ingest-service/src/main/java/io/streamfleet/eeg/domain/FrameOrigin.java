package io.streamfleet.eeg.domain;

/**
 * Where a frame came from, as far as the features of a window it completes need to know: when its record was produced
 * ({@code producedAt} header, else the record timestamp; null when unknown) and its {@code intent} (null when absent;
 * carried along for evaluation only).
 */
public record FrameOrigin(Long producedAt, String intent) {

    public static final FrameOrigin NONE = new FrameOrigin(null, null);
}
