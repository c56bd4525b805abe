package io.streamfleet.eeg.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
import io.streamfleet.eeg.domain.EegFrame;

/**
 * Publishes frames accepted over HTTP to the frame topic, one record per frame keyed by headset, with a
 * {@code producedAt} header (and the request's {@code intent}, if any). The returned Uni completes when the broker has
 * acknowledged every frame (acks=all), so the gateway answers 202 only for durable frames.
 */
@ApplicationScoped
public class EegFramesPublisher {

    /** Room for a few concurrent maximum-size requests while the broker acknowledges. */
    private static final int BUFFER = 4096;

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public EegFramesPublisher(
            @Channel("eeg-frames-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) MutinyEmitter<byte[]> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    public Uni<Void> publish(List<EegFrame> frames, String intent) {
        List<Uni<Void>> sends = new ArrayList<>(frames.size());
        for (EegFrame frame : frames) {
            byte[] value;
            try {
                value = mapper.writeValueAsBytes(frame);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(EegHeaders.PRODUCED_AT, EegHeaders.utf8(Long.toString(clock.millis())));
            if (intent != null) {
                headers.add(EegHeaders.INTENT, EegHeaders.utf8(intent));
            }
            sends.add(emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(frame.headsetId()).withHeaders(headers).build())));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
