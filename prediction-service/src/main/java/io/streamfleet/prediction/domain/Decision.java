package io.streamfleet.prediction.domain;

/** What this service says for one window: the command, how sure, which model, and why. */
public record Decision(Command command, double confidence, String model, String modelVersion, Reason reason) {
}
