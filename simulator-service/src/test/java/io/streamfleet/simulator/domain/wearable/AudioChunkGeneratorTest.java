package io.streamfleet.simulator.domain.wearable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AudioChunkGeneratorTest {

    @Test
    void aChunkIsInterleavedLittleEndianPcmOfTheRightLengthWithASignal() {
        AudioChunkGenerator microphone = new AudioChunkGenerator(48_000, 7, 100, new Random(1));
        byte[] chunk = microphone.nextChunk();
        assertEquals(4_800 * 7 * 2, chunk.length);
        ByteBuffer pcm = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int peak = 0;
        for (int i = 0; i < chunk.length / 2; i++) {
            peak = Math.max(peak, Math.abs(pcm.getShort()));
        }
        // a 0.25 full-scale tone plus a little noise, decoded as little-endian
        assertTrue(peak > 7_000 && peak < 12_000, "peak " + peak);
    }
}
