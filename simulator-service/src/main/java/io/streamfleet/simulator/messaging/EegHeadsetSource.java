package io.streamfleet.simulator.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.eeg.EegFrame;
import io.streamfleet.simulator.domain.eeg.EegHeadsetGroup;
import io.streamfleet.simulator.domain.eeg.EegSimulationSettings;
import io.streamfleet.simulator.domain.eeg.IntentScript;
import io.streamfleet.simulator.domain.eeg.SimulatedFrame;

/**
 * A group of simulated OpenBCI headsets as one stream: each send is the next headset's next frame, keyed by headsetId,
 * with {@code producedAt} and the scripted {@code intent} (evaluation only) as headers. The rate is frames per second
 * for the whole group; the headsets' device time advances per frame, so it stays continuous when the rate changes.
 */
// @Singleton, not @ApplicationScoped: sources extend PacedSource, which has no no-args constructor for a client proxy.
@Singleton
public class EegHeadsetSource extends PacedSource {

    public static final String STREAM = "eeg";
    public static final String CHANNEL = "eeg-brainwave-data";
    public static final String PRODUCED_AT_HEADER = "producedAt";
    public static final String INTENT_HEADER = "intent";

    private static final Logger LOG = Logger.getLogger(EegHeadsetSource.class);

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final EegHeadsetGroup headsets;
    private final Counter lostFrames;

    public EegHeadsetSource(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic,
            SimulatorConfig config, ObjectMapper mapper, MeterRegistry registry) {
        super(STREAM, topic, config.eeg().rate().orElseGet(() -> realTimeRate(config.eeg())), config.eeg().autostart(),
                config.maxInFlight(), registry);
        this.emitter = emitter;
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

    /**
     * A lost frame takes its turn but sends nothing, so the headset's seq skips as a real lost frame's would; it
     * completes at once and PacedSource counts it as sent and acknowledged (its status has no outcome for "lost on
     * purpose"), so the lost-frames counter says how many of those were never on the topic.
     */
    @Override
    protected Uni<Void> sendOne() {
        SimulatedFrame simulated = headsets.next();
        if (simulated.dropped()) {
            lostFrames.increment();
            return Uni.createFrom().voidItem();
        }
        EegFrame frame = simulated.frame();
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(PRODUCED_AT_HEADER, Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        headers.add(INTENT_HEADER, simulated.intent().name().getBytes(StandardCharsets.UTF_8));
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(frame.headsetId()).withHeaders(headers).build()));
    }
}
