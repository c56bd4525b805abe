package io.streamfleet.telemetry.domain;

/** What one Kafka record becomes: samples for VictoriaMetrics and the latest value of its source. */
public record DecodedRecord(MetricPoint point, LatestValue latest) {
}
