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
import io.streamfleet.simulator.domain.telemetry.SensorReading;
import io.streamfleet.simulator.domain.telemetry.SensorReadingGenerator;

/** IoT temperature sensors in today's JSON, keyed by sensor id; the rate is per sensor, read in turn. */
@Singleton
public class SensorStreamSource extends PacedSource {

    public static final String STREAM = "sensor-stream";

    private final SensorReadingGenerator generator;

    public SensorStreamSource(
            @Channel(STREAM) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "mp.messaging.outgoing." + STREAM + ".topic") String topic,
            SimulatorConfig config, BurstProtection burst, MeterRegistry registry) {
        super(new SourceSpec(STREAM, STREAM, topic, SourceKind.SENSOR,
                config.sensors().rate() * config.sensors().count(), config.sensors().autostart()),
                emitter, burst, registry);
        this.generator = new SensorReadingGenerator(config.sensors().count(), new Random());
    }

    @Override
    protected OutgoingRecord next(long capturedAtEpochNanos) {
        SensorReading reading = generator.next(capturedAtEpochNanos / 1_000_000L);
        return new OutgoingRecord(topic(), reading.sensorId(), reading.toJson().getBytes(StandardCharsets.UTF_8),
                null);
    }
}
