package io.streamfleet.drone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentCommandLogTest {

    @TempDir
    Path dir;

    @Test
    void anIdIsSentOnceAndRememberedAcrossARestart() {
        Path file = dir.resolve("link/sent.log");
        SentCommandLog log = new SentCommandLog(file, 100);
        assertTrue(log.markSent("a"));
        assertFalse(log.markSent("a"));
        assertTrue(log.wasSent("a"));

        SentCommandLog restarted = new SentCommandLog(file, 100);
        assertTrue(restarted.wasSent("a"));
        assertFalse(restarted.markSent("a"));
        assertFalse(restarted.wasSent("b"));
    }

    @Test
    void keepsTheNewestIdsAndStaysBounded() throws Exception {
        Path file = dir.resolve("sent.log");
        SentCommandLog log = new SentCommandLog(file, 10);
        for (int i = 0; i < 95; i++) {
            log.markSent("id-" + i);
        }
        assertEquals(10, log.size());
        assertTrue(log.wasSent("id-94"));
        assertTrue(log.wasSent("id-85"));
        assertFalse(log.wasSent("id-84"));
        assertTrue(Files.readAllLines(file).size() < 20, "compacted");
        SentCommandLog restarted = new SentCommandLog(file, 10);
        assertTrue(restarted.wasSent("id-94"));
        assertFalse(restarted.wasSent("id-84"));
    }
}
