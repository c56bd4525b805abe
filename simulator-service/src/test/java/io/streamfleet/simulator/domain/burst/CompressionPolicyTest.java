package io.streamfleet.simulator.domain.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "lz4", "gzip", " LZ4 " })
    void lz4AndGzipAreAccepted(String type) {
        assertEquals(type.trim().toLowerCase(), CompressionPolicy.require("c", type));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "snappy", "zstd", "none", "" })
    void everythingElseIsRefused(String type) {
        assertThrows(IllegalStateException.class, () -> CompressionPolicy.require("c", type));
    }
}
