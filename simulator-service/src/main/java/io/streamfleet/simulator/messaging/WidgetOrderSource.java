package io.streamfleet.simulator.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.WidgetOrderGenerator;
import io.streamfleet.simulator.domain.WidgetOrdered;

/** Widget orders to the order topic, keyed by customer, with a producedAt header for end-to-end latency. */
// @Singleton, not @ApplicationScoped: sources extend PacedSource, which has no no-args constructor for a client proxy.
@Singleton
public class WidgetOrderSource extends PacedSource {

    public static final String STREAM = "widget-orders";

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final WidgetOrderGenerator generator;

    public WidgetOrderSource(
            @Channel(STREAM) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "mp.messaging.outgoing." + STREAM + ".topic") String topic,
            SimulatorConfig config, ObjectMapper mapper, MeterRegistry registry) {
        super(STREAM, topic, config.orders().rate(), config.orders().autostart(), config.maxInFlight(), registry);
        this.emitter = emitter;
        this.mapper = mapper;
        this.generator = new WidgetOrderGenerator(config.orders().customers(), config.orders().widgets(), new Random(),
                System::currentTimeMillis);
    }

    @Override
    protected Uni<Void> sendOne() {
        WidgetOrdered order = generator.next();
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("producedAt", Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(order.customerId()).withHeaders(headers).build()));
    }
}
