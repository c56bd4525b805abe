package io.streamfleet.prediction.inference;

import io.streamfleet.prediction.domain.Classification;

/** A classification and whether the built-in model gave it in place of a failed remote one. */
public record ModelAnswer(Classification classification, boolean fallback) {
}
