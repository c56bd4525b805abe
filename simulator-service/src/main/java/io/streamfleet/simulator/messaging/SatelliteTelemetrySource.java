package io.streamfleet.simulator.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.burst.SourceKind;
import io.streamfleet.simulator.domain.telemetry.SatelliteTelemetry;
import io.streamfleet.simulator.domain.telemetry.SatelliteTelemetryGenerator;
import io.streamfleet.simulator.domain.telemetry.SatelliteTelemetryJson;

/** Satellite telemetry in today's JSON, keyed by satellite id; the rate is per satellite, read in turn. */
@Singleton
public class SatelliteTelemetrySource extends PacedSource {

    public static final String STREAM = "satellite-telemetry";

    private final SatelliteTelemetryGenerator generator;

    public SatelliteTelemetrySource(
            @Channel(STREAM) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "mp.messaging.outgoing." + STREAM + ".topic") String topic,
            SimulatorConfig config, BurstProtection burst, MeterRegistry registry) {
        super(new SourceSpec(STREAM, STREAM, topic, SourceKind.TELEMETRY,
                config.satellites().rate() * config.satellites().count(), config.satellites().autostart()),
                emitter, burst, registry);
        this.generator = new SatelliteTelemetryGenerator(config.satellites().count(), new Random());
    }

    @Override
    protected OutgoingRecord next(long capturedAtEpochNanos) {
        SatelliteTelemetry reading = generator.next(capturedAtEpochNanos / 1_000L);
        return new OutgoingRecord(topic(), reading.satelliteId(),
                SatelliteTelemetryJson.write(reading).getBytes(StandardCharsets.UTF_8), null);
    }
}
