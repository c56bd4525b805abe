package io.streamfleet.simulator.messaging;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.burst.SourceKind;
import io.streamfleet.simulator.domain.eeg.EegFrame;
import io.streamfleet.simulator.domain.eeg.EegHeadsetGroup;
import io.streamfleet.simulator.domain.eeg.EegSimulationSettings;
import io.streamfleet.simulator.domain.eeg.IntentScript;
import io.streamfleet.simulator.domain.eeg.SimulatedFrame;

/**
 * A group of simulated OpenBCI headsets as one stream: each turn is the next headset's next frame, keyed by headsetId,
 * with the scripted {@code intent} (evaluation only) as a header. The rate is frames per second for the whole group;
 * the headsets' device time advances per frame, so it stays continuous when the rate changes. EEG drives a drone, so
 * it goes through the burst protection as telemetry: highest priority, never sampled.
 */
// @Singleton, not @ApplicationScoped: sources extend PacedSource, which has no no-args constructor for a client proxy.
@Singleton
public class EegHeadsetSource extends PacedSource {

    public static final String STREAM = "eeg";
    public static final String CHANNEL = "eeg-brainwave-data";
    public static final String INTENT_HEADER = "intent";

    private static final Logger LOG = Logger.getLogger(EegHeadsetSource.class);

    private final ObjectMapper mapper;
    private final EegHeadsetGroup headsets;
    private final Counter lostFrames;

    public EegHeadsetSource(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic,
            SimulatorConfig config, BurstProtection burst, ObjectMapper mapper, MeterRegistry registry) {
        super(new SourceSpec(STREAM, CHANNEL, topic, SourceKind.TELEMETRY,
                config.eeg().rate().orElseGet(() -> realTimeRate(config.eeg())), config.eeg().autostart()),
                emitter, burst, registry);
        this.mapper = mapper;
        SimulatorConfig.Eeg eeg = config.eeg();
        long seed = eeg.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        this.headsets = new EegHeadsetGroup(settings(eeg), eeg.headsets(), eeg.idPrefix(), new Random(seed),
                System::currentTimeMillis);
        this.lostFrames = Counter.builder("streamfleet_simulator_eeg_lost_frames")
                .description("EEG frames the simulated headsets lost on purpose (a dropped-frame artefact), never sent")
                .tag("stream", STREAM).register(registry);
        LOG.infof("eeg: %d %s headset(s), %d samples per frame, seed %d (set streamfleet.simulator.eeg.seed to repeat)",
                eeg.headsets(), eeg.montage(), eeg.frameSamples(), seed);
    }

    private static EegSimulationSettings settings(SimulatorConfig.Eeg eeg) {
        SimulatorConfig.Eeg.Artefacts artefacts = eeg.artefacts();
        return new EegSimulationSettings(eeg.montage(), eeg.frameSamples(), eeg.mainsHz(),
                IntentScript.parse(eeg.script()), artefacts.railingProbability(), artefacts.flatProbability(),
                artefacts.dropProbability(), artefacts.duration().toMillis());
    }

    private static double realTimeRate(SimulatorConfig.Eeg eeg) {
        return eeg.headsets() * (double) eeg.montage().sampleRateHz() / eeg.frameSamples();
    }

    /** A lost frame takes its turn but produces nothing, so the headset's seq skips as a real lost frame's would. */
    @Override
    protected OutgoingRecord next(long capturedAtEpochNanos) {
        SimulatedFrame simulated = headsets.next();
        if (simulated.dropped()) {
            lostFrames.increment();
            return null;
        }
        EegFrame frame = simulated.frame();
        try {
            return new OutgoingRecord(topic(), frame.headsetId(), mapper.writeValueAsBytes(frame),
                    Map.of(INTENT_HEADER, simulated.intent().name()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EEG frame always serialises", e);
        }
    }
}
