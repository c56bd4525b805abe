package io.streamfleet.simulator.domain.wearable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Microphone-array audio as 16-bit little-endian PCM, channels interleaved: a soft voice-band tone that wanders in
 * pitch, the same in every microphone with a small per-channel delay, plus room noise. One call gives one chunk.
 */
public final class AudioChunkGenerator {

    private final int sampleRateHz;
    private final int channels;
    private final int samplesPerChunk;
    private final Random random;
    private double phase;
    private long samplesSoFar;

    public AudioChunkGenerator(int sampleRateHz, int channels, int chunkMillis, Random random) {
        if (sampleRateHz < 1 || channels < 1 || chunkMillis < 1) {
            throw new IllegalArgumentException("audio needs a positive sample rate, channel count and chunk length");
        }
        this.sampleRateHz = sampleRateHz;
        this.channels = channels;
        this.samplesPerChunk = sampleRateHz * chunkMillis / 1000;
        this.random = random;
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    public int channels() {
        return channels;
    }

    public int chunkBytes() {
        return samplesPerChunk * channels * 2;
    }

    public byte[] nextChunk() {
        ByteBuffer pcm = ByteBuffer.allocate(chunkBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samplesPerChunk; i++) {
            double t = (double) samplesSoFar++ / sampleRateHz;
            double frequency = 220 + 60 * Math.sin(2 * Math.PI * 0.5 * t);
            phase += 2 * Math.PI * frequency / sampleRateHz;
            for (int channel = 0; channel < channels; channel++) {
                double voice = 0.25 * Math.sin(phase - channel * 0.2);
                double noise = 0.02 * random.nextGaussian();
                pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, voice + noise)) * Short.MAX_VALUE));
            }
        }
        return pcm.array();
    }
}
