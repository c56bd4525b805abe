package io.streamfleet.drone.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Parks drone-commands records the Tello link cannot read on the audit topic's dead-letter topic
 * ({@link DeadLetterMessages} gives the shape).
 */
@ApplicationScoped
public class DroneCommandDeadLetters {

    private static final int BUFFER = 1024;

    private final MutinyEmitter<byte[]> emitter;

    public DroneCommandDeadLetters(@Channel("drone-commands-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the dead letter. */
    public Uni<Void> park(KafkaRecord<String, byte[]> record, long offset, Exception reason) {
        return emitter.sendMessage(DeadLetterMessages.of(record, offset, reason));
    }
}
