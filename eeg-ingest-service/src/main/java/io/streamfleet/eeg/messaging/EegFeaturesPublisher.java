package io.streamfleet.eeg.messaging;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamfleet.eeg.domain.EegFeatures;
import io.streamfleet.eeg.domain.FrameOrigin;

/**
 * Publishes a window's features to the features topic keyed by headset, with {@code producedAt} (now),
 * {@code originProducedAt} (the {@code producedAt} of the frame that completed the window, or that frame record's
 * timestamp when it had no such header) and that frame's {@code intent}, copied unchanged. Times frame-produced to
 * features-produced in {@code streamfleet_eeg_frame_to_features_latency}.
 */
@ApplicationScoped
public class EegFeaturesPublisher {

    /** 100 headsets at 5 windows/s is 500 records/s; this covers seconds of a slow broker before sends fail. */
    private static final int BUFFER = 8192;

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final Timer frameToFeatures;
    private final Clock clock = Clock.systemUTC();

    public EegFeaturesPublisher(
            @Channel("eeg-features") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) MutinyEmitter<byte[]> emitter,
            ObjectMapper mapper, MeterRegistry registry) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.frameToFeatures = Timer.builder("streamfleet_eeg_frame_to_features_latency")
                .description("from the producedAt of the frame completing a window to its features being produced")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Completes when the broker has acknowledged the features record. */
    public Uni<Void> publish(EegFeatures features, FrameOrigin origin) {
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(features);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        long now = clock.millis();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EegHeaders.PRODUCED_AT, EegHeaders.utf8(Long.toString(now)));
        if (origin.producedAt() != null) {
            headers.add(EegHeaders.ORIGIN_PRODUCED_AT, EegHeaders.utf8(Long.toString(origin.producedAt())));
            frameToFeatures.record(Math.max(0, now - origin.producedAt()), TimeUnit.MILLISECONDS);
        }
        if (origin.intent() != null) {
            headers.add(EegHeaders.INTENT, EegHeaders.utf8(origin.intent()));
        }
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(features.headsetId()).withHeaders(headers).build()));
    }
}
