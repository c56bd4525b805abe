package io.streamfleet.telemetry.domain;

import java.util.Map;
import java.util.SortedMap;

/**
 * The samples one record yields, all at the record's device time: in VictoriaMetrics each field becomes the series
 * {@code <measurement>_<field>{tags}} (e.g. measurement {@code satellite}, field {@code temperature}, tag
 * {@code satellite_id} give {@code satellite_temperature{satellite_id="SAT-001"}}).
 *
 * @param tags   low-cardinality labels, sorted by name
 * @param fields metric name suffix -> value, in the record's order
 */
public record MetricPoint(String measurement, SortedMap<String, String> tags, Map<String, Double> fields,
        long timestampMillis) {

    public int samples() {
        return fields.size();
    }
}
