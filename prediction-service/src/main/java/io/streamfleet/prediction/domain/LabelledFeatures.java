package io.streamfleet.prediction.domain;

/** One training example: a features window and the command the wearer intended while it was recorded. */
public record LabelledFeatures(Command intent, EegFeatures features) {
}
