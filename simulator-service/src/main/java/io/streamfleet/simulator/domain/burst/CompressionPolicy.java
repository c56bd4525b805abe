package io.streamfleet.simulator.domain.burst;

import java.util.Locale;
import java.util.Set;

/**
 * Producer compression is lz4 or gzip: both are pure Java in the Kafka client, while snappy and zstd load native
 * libraries that break native images. An unset or other value is refused at startup, not discovered in production.
 */
public final class CompressionPolicy {

    public static final Set<String> ALLOWED = Set.of("lz4", "gzip");

    private CompressionPolicy() {
    }

    public static String require(String channel, String compressionType) {
        String type = compressionType == null ? "" : compressionType.trim().toLowerCase(Locale.ROOT);
        if (!ALLOWED.contains(type)) {
            throw new IllegalStateException("channel " + channel + " must set compression.type to lz4 or gzip, was '"
                    + (compressionType == null ? "" : compressionType) + "'");
        }
        return type;
    }
}
