package io.streamfleet.orders.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.orders.domain.WidgetOrder;

/**
 * Publishes accepted orders to the order topic, keyed by customer. The returned Uni completes when the broker has
 * acknowledged the record (acks=all), so a caller that reports success has a durable order.
 */
@ApplicationScoped
public class OrderEventsPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final Clock clock;

    public OrderEventsPublisher(@Channel("orders-out") MutinyEmitter<byte[]> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.clock = Clock.systemUTC();
    }

    public Uni<Void> publish(WidgetOrder order) {
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(WidgetOrderedEvent.of(order));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(order.customerId())
                .withHeaders(new RecordHeaders()
                        .add("producedAt", Long.toString(clock.millis()).getBytes(StandardCharsets.UTF_8)))
                .build();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata));
    }
}
