package io.streamfleet.drone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class TelloStateTest {

    static final String REAL = "pitch:0;roll:0;yaw:0;vgx:0;vgy:0;vgz:0;templ:60;temph:63;tof:10;h:0;bat:87;"
            + "baro:193.43;time:0;agx:0.00;agy:0.00;agz:-1000.00;\r\n";

    @Test
    void readsBatteryHeightAndMeanTemperatureFromARealStateString() {
        TelloState state = TelloState.parse(REAL);
        assertEquals(OptionalInt.of(87), state.batteryPercent());
        assertEquals(OptionalInt.of(0), state.heightCm());
        assertEquals(OptionalDouble.of(61.5), state.temperatureC());
        assertEquals("193.43", state.fields().get("baro"));
        assertEquals("-1000.00", state.fields().get("agz"), "the trailing CRLF is not part of the last value");
    }

    @Test
    void readsAFlyingDrone() {
        TelloState state = TelloState.parse("templ:70;temph:72;h:120;bat:15;");
        assertEquals(OptionalInt.of(15), state.batteryPercent());
        assertEquals(OptionalInt.of(120), state.heightCm());
        assertEquals(OptionalDouble.of(71.0), state.temperatureC());
    }

    @Test
    void missingOrGarbledFieldsAreEmptyNotZero() {
        TelloState state = TelloState.parse("pitch:0;bat:;h:abc;templ:60");
        assertTrue(state.batteryPercent().isEmpty());
        assertTrue(state.heightCm().isEmpty());
        assertTrue(state.temperatureC().isEmpty(), "the mean needs both temperatures");
    }

    @Test
    void rejectsTextWithoutAnyPair() {
        assertThrows(IllegalArgumentException.class, () -> TelloState.parse("ok"));
        assertThrows(IllegalArgumentException.class, () -> TelloState.parse(""));
    }
}
