package io.streamfleet.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class InfluxLineProtocolTest {

    private static MetricPoint point(Map<String, String> tags, Map<String, Double> fields, long timestamp) {
        return new MetricPoint("satellite", new TreeMap<>(tags), fields, timestamp);
    }

    @Test
    void onePointIsOneLineWithSortedTagsFieldsInOrderAndMillisecondTimestamp() {
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("temperature", -20.81);
        fields.put("solar_power", 0.0);
        fields.put("tiny", 1.5e-5);
        assertEquals("satellite,a=1,satellite_id=SAT-001 temperature=-20.81,solar_power=0.0,tiny=1.5E-5 1761105530973\n",
                InfluxLineProtocol.render(List.of(point(Map.of("satellite_id", "SAT-001", "a", "1"), fields,
                        1761105530973L))));
    }

    @Test
    void separatorsInTagValuesAreEscapedSoVictoriaMetricsDoesNotSkipTheLine() {
        assertEquals("satellite,satellite_id=SAT\\ 1\\,b\\=c\\\\ t=1.0 5\n", InfluxLineProtocol.render(List.of(
                point(Map.of("satellite_id", "SAT 1,b=c\\"), Map.of("t", 1.0), 5))));
    }

    @Test
    void gzipBodyHoldsEveryLine() throws IOException {
        List<MetricPoint> points = List.of(point(Map.of("satellite_id", "A"), Map.of("t", 1.0), 1),
                point(Map.of("satellite_id", "B"), Map.of("t", 2.0), 2));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(InfluxLineProtocol.gzip(points)))) {
            assertEquals(InfluxLineProtocol.render(points), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
