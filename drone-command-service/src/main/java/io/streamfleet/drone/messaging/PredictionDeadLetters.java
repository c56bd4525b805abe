package io.streamfleet.drone.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Parks prediction records that break the contract on the dead-letter topic ({@link DeadLetterMessages} gives the
 * shape).
 */
@ApplicationScoped
public class PredictionDeadLetters {

    private static final int BUFFER = 1024;

    private final MutinyEmitter<byte[]> emitter;

    public PredictionDeadLetters(@Channel("predictions-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the dead letter. */
    public Uni<Void> park(KafkaRecord<String, byte[]> record, long offset, Exception reason) {
        return emitter.sendMessage(DeadLetterMessages.of(record, offset, reason));
    }
}
