package io.streamfleet.drone.messaging;

import java.time.Clock;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.drone.domain.DroneCommand;

/**
 * Writes every decision (sent or refused) to {@code drone-commands}, keyed by drone so one drone's commands stay in
 * order, signed ({@link DecisionSigner}). Completes when the broker acknowledged it (acks=all).
 */
@ApplicationScoped
public class DroneCommandPublisher {

    private static final int BUFFER = 4096;

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final DecisionSigner signer;

    public DroneCommandPublisher(@Channel("drone-commands-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = BUFFER) MutinyEmitter<byte[]> emitter, ObjectMapper mapper, Clock clock,
            DecisionSigner signer) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.clock = clock;
        this.signer = signer;
    }

    /** @param originProducedAt copied unchanged from the prediction, so the link can measure end to end */
    public Uni<Void> publish(DroneCommand command, OptionalLong originProducedAt) {
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(RecordHeaderValues.PRODUCED_AT, RecordHeaderValues.text(clock.millis()));
        originProducedAt.ifPresent(origin -> headers.add(RecordHeaderValues.ORIGIN_PRODUCED_AT,
                RecordHeaderValues.text(origin)));
        headers.add(DecisionSigner.HEADER, signer.sign(value));
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(command.droneId()).withHeaders(headers).build()));
    }
}
