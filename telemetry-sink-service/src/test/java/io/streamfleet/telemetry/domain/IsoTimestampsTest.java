package io.streamfleet.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = { "2025-10-22T03:58:50.973550+00:00", "2025-10-22T03:58:50Z", "2025-10-22T05:58:50.9+02:00",
            "2025-10-21T23:58:50.973550999-04:00", "2024-02-29T00:00:00.000+00:00", "1999-12-31T23:59:59.999Z",
            "2025-10-22T03:58:50.973550+05:45", "2025-10-22T03:58+00:00", "2025-10-22T03:58:50.+00:00" })
    void agreesWithOffsetDateTimeToTheMillisecond(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant().toEpochMilli(), IsoTimestamps.toEpochMillis(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-10-22T03:58:50.973550", "2025-02-30T00:00:00Z", "2025-10-22T24:00:00Z",
            "2025-10-22 03:58:50Z", "yesterday", "2025-10-22T03:58:50,5+00:00" })
    void refusesWhatOffsetDateTimeRefuses(String text) {
        assertThrows(DateTimeException.class, () -> IsoTimestamps.toEpochMillis(text), text);
    }
}
