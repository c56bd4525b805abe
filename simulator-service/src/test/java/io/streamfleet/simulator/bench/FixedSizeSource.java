package io.streamfleet.simulator.bench;

import java.util.Random;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.streamfleet.simulator.domain.burst.SourceKind;
import io.streamfleet.simulator.messaging.BurstProtection;
import io.streamfleet.simulator.messaging.OutgoingRecord;
import io.streamfleet.simulator.messaging.PacedSource;
import io.streamfleet.simulator.messaging.SourceSpec;

/**
 * A source of 200-byte records with no key, like ProducerPerformance's, through the same burst-protection path as
 * every real source. Only in the benchmark's app ({@link ProduceRateInfrastructure} sets the build property).
 */
@Singleton
@IfBuildProperty(name = "streamfleet.bench.enabled", stringValue = "true")
public class FixedSizeSource extends PacedSource {

    public static final String STREAM = "bench-records";
    public static final int RECORD_SIZE = 200;

    private final byte[][] payloads = new byte[1_000][];
    private int next;

    public FixedSizeSource(
            @Channel(STREAM) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65_536) MutinyEmitter<byte[]> emitter,
            BurstProtection burst, MeterRegistry registry) {
        super(new SourceSpec(STREAM, STREAM, ProduceRateInfrastructure.SIMULATOR_TOPIC, SourceKind.TELEMETRY, 1, false),
                emitter, burst, registry);
        // random upper-case letters, as ProducerPerformance fills its payloads
        Random random = new Random(1);
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[RECORD_SIZE];
            for (int b = 0; b < RECORD_SIZE; b++) {
                payloads[i][b] = (byte) ('A' + random.nextInt(26));
            }
        }
    }

    @Override
    protected OutgoingRecord next(long capturedAtEpochNanos) {
        byte[] payload = payloads[next];
        next = (next + 1) % payloads.length;
        return new OutgoingRecord(topic(), null, payload, null);
    }
}
