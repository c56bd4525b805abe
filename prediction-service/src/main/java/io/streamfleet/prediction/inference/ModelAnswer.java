package io.streamfleet.prediction.inference;

import io.streamfleet.prediction.domain.Classification;
import io.streamfleet.prediction.domain.Reason;

/**
 * A classification and who gave it: {@link Reason#MODEL} for the configured backend, {@link Reason#FALLBACK} or
 * {@link Reason#INVALID_REMOTE_OUTPUT} when the built-in model stood in for the remote one.
 */
public record ModelAnswer(Classification classification, Reason source) {
}
