package io.streamfleet.simulator.domain.eeg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How many frames per second one thread generates and serialises to JSON for 100 Cyton headsets, against the 1,000
 * frames/s they need in real time (100 x 250 Hz / 25 samples). Prints the figures; asserts only that frames were made.
 * Not part of {@code ./mvnw verify} (surefire runs *Test classes only); run it with:
 * <pre>./mvnw -pl simulator-service -am test -Dtest=EegHeadsetGroupBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class EegHeadsetGroupBenchmark {

    private static final int HEADSETS = 100;
    private static final int FRAMES = Integer.getInteger("bench.frames", 50_000);

    @Test
    void generateAndSerialiseFramesFor100Headsets() throws Exception {
        EegSimulationSettings settings = new EegSimulationSettings(Montage.CYTON, 25, 50,
                IntentScript.parse("HOVER:4s,TAKEOFF:4s,UP:4s,FORWARD:4s,LEFT:4s,RIGHT:4s,LAND:4s"), 0.001, 0.001,
                0.001, 1000);
        EegHeadsetGroup group = new EegHeadsetGroup(settings, HEADSETS, "h", new Random(1), System::currentTimeMillis);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < FRAMES / 5; i++) {
            mapper.writeValueAsBytes(group.next().frame());
        }

        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            group.next();
        }
        double generateSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            bytes += mapper.writeValueAsBytes(group.next().frame()).length;
        }
        double bothSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("EEG simulator, %d Cyton headsets, one thread: generate %.0f frames/s (%.1f µs/frame); "
                + "generate + JSON %.0f frames/s (%.1f µs/frame, %d bytes/frame); real time needs %.0f frames/s%n",
                HEADSETS, FRAMES / generateSeconds, generateSeconds * 1e6 / FRAMES, FRAMES / bothSeconds,
                bothSeconds * 1e6 / FRAMES, bytes / FRAMES, group.realTimeFramesPerSecond());
        assertTrue(bytes > 0);
    }
}
