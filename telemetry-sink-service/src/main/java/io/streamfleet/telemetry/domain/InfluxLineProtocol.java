package io.streamfleet.telemetry.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Renders points as InfluxDB line protocol with millisecond timestamps, the most compact import format VictoriaMetrics
 * takes ({@code /write?precision=ms}): one line per record, {@code measurement,tag=v field=1.5,field2=2 1713763500000}.
 * VictoriaMetrics skips a line it cannot parse and still answers 204, so escaping here is what keeps samples from
 * vanishing: commas, spaces and equals signs in names and tag values are backslash-escaped.
 */
public final class InfluxLineProtocol {

    private InfluxLineProtocol() {
    }

    /** The gzip-compressed request body for these points. */
    public static byte[] gzip(List<MetricPoint> points) {
        byte[] lines = render(points).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + lines.length / 4);
        // Speed over ratio: the body crosses a local network once, and the writer must keep up with the topic.
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** The uncompressed lines, for logs and tests. */
    public static String render(List<MetricPoint> points) {
        StringBuilder out = new StringBuilder(points.size() * 160);
        for (MetricPoint point : points) {
            append(out, point);
        }
        return out.toString();
    }

    static void append(StringBuilder out, MetricPoint point) {
        escape(out, point.measurement(), false);
        for (Map.Entry<String, String> tag : point.tags().entrySet()) {
            out.append(',');
            escape(out, tag.getKey(), true);
            out.append('=');
            escape(out, tag.getValue(), true);
        }
        char separator = ' ';
        for (Map.Entry<String, Double> field : point.fields().entrySet()) {
            out.append(separator);
            escape(out, field.getKey(), true);
            out.append('=').append(field.getValue().doubleValue());
            separator = ',';
        }
        out.append(' ').append(point.timestampMillis()).append('\n');
    }

    private static void escape(StringBuilder out, String text, boolean equalsToo) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=') || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
