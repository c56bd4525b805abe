package io.streamfleet.simulator.domain.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InFlightWindowTest {

    @Test
    void fullByCountUntilARelease() throws InterruptedException {
        InFlightWindow window = new InFlightWindow(2, 1_000);
        window.acquire(1);
        window.acquire(1);
        assertFalse(window.hasRoom());
        assertFalse(window.awaitRoom(10, TimeUnit.MILLISECONDS));
        window.release(1);
        assertTrue(window.awaitRoom(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void fullByBytesButOneOversizedRecordMayGoAlone() {
        InFlightWindow window = new InFlightWindow(100, 1_000);
        assertTrue(window.hasRoom());
        assertEquals(1_000, window.byteRoom());
        window.acquire(5_000);
        assertFalse(window.hasRoom());
        assertEquals(0, window.room());
        assertEquals(0, window.byteRoom());
        window.release(5_000);
        assertTrue(window.hasRoom());
    }
}
