package io.streamfleet.simulator.messaging;

import java.util.Random;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.WidgetOrderGenerator;
import io.streamfleet.simulator.domain.WidgetOrdered;
import io.streamfleet.simulator.domain.burst.SourceKind;

/** Widget orders to the order topic, keyed by customer; business events, so the highest priority class. */
// @Singleton, not @ApplicationScoped: sources extend PacedSource, which has no no-args constructor for a client proxy.
@Singleton
public class WidgetOrderSource extends PacedSource {

    public static final String STREAM = "widget-orders";

    private final ObjectMapper mapper;
    private final WidgetOrderGenerator generator;

    public WidgetOrderSource(
            @Channel(STREAM) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "mp.messaging.outgoing." + STREAM + ".topic") String topic,
            SimulatorConfig config, BurstProtection burst, ObjectMapper mapper, MeterRegistry registry) {
        super(new SourceSpec(STREAM, STREAM, topic, SourceKind.TELEMETRY, config.orders().rate(),
                config.orders().autostart()), emitter, burst, registry);
        this.mapper = mapper;
        this.generator = new WidgetOrderGenerator(config.orders().customers(), config.orders().widgets(), new Random(),
                System::currentTimeMillis);
    }

    @Override
    protected OutgoingRecord next(long capturedAtEpochNanos) {
        WidgetOrdered order = generator.next();
        try {
            return new OutgoingRecord(topic(), order.customerId(), mapper.writeValueAsBytes(order), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order record always serialises", e);
        }
    }
}
