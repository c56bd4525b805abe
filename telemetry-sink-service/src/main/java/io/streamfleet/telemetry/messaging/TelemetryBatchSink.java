package io.streamfleet.telemetry.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamfleet.telemetry.config.TelemetryConfig;
import io.streamfleet.telemetry.domain.DecodedRecord;
import io.streamfleet.telemetry.domain.InvalidFieldException;
import io.streamfleet.telemetry.domain.LatestValue;
import io.streamfleet.telemetry.domain.LatestValues;
import io.streamfleet.telemetry.domain.MetricPoint;
import io.streamfleet.telemetry.domain.TelemetryDecoder;
import io.streamfleet.telemetry.store.RejectedWriteException;
import io.streamfleet.telemetry.store.VictoriaMetricsExporter;

/**
 * One poll of any telemetry channel -> VictoriaMetrics. Each record becomes one point (or is malformed and parked on
 * its dead-letter topic); the points of the whole poll go out in one write, and only when VictoriaMetrics answered
 * 2xx and the dead letters are acknowledged is the batch acknowledged, making its offsets committable.
 * <ul>
 * <li>5xx, timeouts, connection errors: the write is retried with backoff for as long as it takes. The channel's next
 * poll is not processed meanwhile, so nothing is committed past unwritten samples and memory stays bounded.</li>
 * <li>VictoriaMetrics refuses the content (400/413/422): the poll is written again one record per request, and each
 * record refused on its own is parked with VictoriaMetrics' answer as the reason; the others land.</li>
 * </ul>
 * Writing a sample twice (a retry after a lost answer, a replay after a rebalance) is harmless: VictoriaMetrics keeps
 * one sample per series and millisecond when run with {@code -dedup.minScrapeInterval=1ms}.
 */
@ApplicationScoped
public class TelemetryBatchSink {

    private static final Logger LOG = Logger.getLogger(TelemetryBatchSink.class);

    private record Accepted(KafkaRecord<String, byte[]> record, long offset, DecodedRecord decoded) {
    }

    private record Parked(KafkaRecord<String, byte[]> record, long offset, String reason, String cause) {
    }

    private record LatestKey(LatestValue.Kind kind, String key) {
    }

    private final TelemetryDecoder decoder;
    private final VictoriaMetricsExporter exporter;
    private final TelemetryDeadLetters deadLetters;
    private final LatestValues latest;
    private final SinkActivity activity;
    private final TelemetryConfig.WriteRetry retry;
    private final MeterRegistry registry;
    private final Counter retries;
    private final DistributionSummary batchSize;

    public TelemetryBatchSink(TelemetryDecoder decoder, VictoriaMetricsExporter exporter,
            TelemetryDeadLetters deadLetters, LatestValues latest, SinkActivity activity, TelemetryConfig config,
            MeterRegistry registry) {
        this.decoder = decoder;
        this.exporter = exporter;
        this.deadLetters = deadLetters;
        this.latest = latest;
        this.activity = activity;
        this.retry = config.writeRetry();
        this.registry = registry;
        this.retries = registry.counter("streamfleet_telemetry_write_retries");
        this.batchSize = DistributionSummary.builder("streamfleet_telemetry_batch_size")
                .description("records per consumed poll").register(registry);
    }

    public Uni<Void> process(String channel, KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        batchSize.record(records.size());
        List<Accepted> accepted = new ArrayList<>(records.size());
        List<Parked> parked = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
            try {
                accepted.add(new Accepted(record, offset,
                        decoder.decode(record.getTopic(), name -> header(record, name), record.getPayload())));
            } catch (InvalidFieldException e) {
                LOG.warnf("record %s-%d@%d goes to the dead-letter topic: %s", record.getTopic(),
                        record.getPartition(), offset, e.getMessage());
                parked.add(new Parked(record, offset, e.getMessage(), e.getClass().getName()));
            }
        }
        return writeAll(channel, accepted)
                .chain(refused -> {
                    parked.addAll(refused);
                    return untilParked(channel, parked);
                })
                .invoke(() -> recordDone(records, accepted, parked))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Writes the accepted records' points; returns those VictoriaMetrics refused, to be parked. */
    private Uni<List<Parked>> writeAll(String channel, List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<MetricPoint> points = accepted.stream().map(a -> a.decoded().point()).toList();
        return untilWritten(channel, points).replaceWith(List.<Parked>of())
                .onFailure(RejectedWriteException.class).recoverWithUni(rejected -> {
                    LOG.warnf("%s: a poll of %d records was refused (%s); writing them one by one", channel,
                            accepted.size(), rejected.getMessage());
                    return oneByOne(channel, accepted);
                });
    }

    private Uni<List<Parked>> oneByOne(String channel, List<Accepted> accepted) {
        return Multi.createFrom().iterable(accepted)
                .onItem().transformToUniAndConcatenate(a -> untilWritten(channel, List.of(a.decoded().point()))
                        .replaceWith(Optional.<Parked>empty())
                        .onFailure(RejectedWriteException.class).recoverWithItem(refused -> Optional.of(
                                new Parked(a.record(), a.offset(), refused.getMessage(), refused.getClass().getName()))))
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList();
    }

    /** Retries everything but a refusal of the content, with backoff, for as long as it takes. */
    private Uni<Void> untilWritten(String channel, List<MetricPoint> points) {
        return Uni.createFrom().deferred(() -> exporter.write(points))
                .onFailure(failure -> !(failure instanceof RejectedWriteException)).invoke(failure -> {
                    retries.increment();
                    activity.writeFailed(channel, failure.toString());
                    LOG.warnf("%s: could not write %d points to VictoriaMetrics, waiting and retrying: %s", channel,
                            points.size(), failure.toString());
                })
                .onFailure(failure -> !(failure instanceof RejectedWriteException)).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely()
                .invoke(() -> activity.writeSucceeded(channel));
    }

    /** Parks every dead letter, retrying until the broker acknowledged them all (the dead-letter topic is at-least-once). */
    private Uni<Void> untilParked(String channel, List<Parked> parked) {
        if (parked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> Uni.join().all(parked.stream()
                        .map(p -> deadLetters.park(p.record(), p.offset(), p.reason(), p.cause())).toList())
                        .andFailFast().replaceWithVoid())
                .onFailure().invoke(failure -> LOG.warnf("%s: could not park %d dead letters, retrying: %s", channel,
                        parked.size(), failure.getMessage()))
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely();
    }

    /** Per topic, what one acknowledged poll did. */
    private static final class Tally {
        int records;
        int written;
        int parked;
        long samples;
        long newestCapturedAt;
    }

    private void recordDone(List<KafkaRecord<String, byte[]>> records, List<Accepted> accepted, List<Parked> parked) {
        Map<String, Tally> byTopic = new HashMap<>();
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        for (KafkaRecord<String, byte[]> record : records) {
            byTopic.computeIfAbsent(record.getTopic(), t -> new Tally()).records++;
        }
        Set<KafkaRecord<String, byte[]>> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parked p : parked) {
            refused.add(p.record());
            byTopic.get(p.record().getTopic()).parked++;
            lastOffsets.merge(new TopicPartition(p.record().getTopic(), p.record().getPartition()), p.offset(), Math::max);
        }
        // Only the newest reading per source in this poll is offered: a poll holds many readings of few sources.
        Map<LatestKey, LatestValue> newest = new HashMap<>();
        for (Accepted a : accepted) {
            String topic = a.record().getTopic();
            lastOffsets.merge(new TopicPartition(topic, a.record().getPartition()), a.offset(), Math::max);
            if (refused.contains(a.record())) {
                continue;
            }
            LatestValue value = a.decoded().latest();
            newest.merge(new LatestKey(value.kind(), value.key()), value,
                    (kept, offered) -> offered.capturedAtMillis() >= kept.capturedAtMillis() ? offered : kept);
            Tally tally = byTopic.get(topic);
            tally.written++;
            tally.samples += a.decoded().point().samples();
            tally.newestCapturedAt = Math.max(tally.newestCapturedAt, a.decoded().point().timestampMillis());
        }
        newest.values().forEach(latest::offer);
        lastOffsets.forEach((partition, offset) -> activity.topic(partition.topic())
                .ifPresent(t -> t.processedUpTo(partition.partition(), offset)));
        long now = activity.nowMillis();
        byTopic.forEach((topic, tally) -> {
            registry.counter("streamfleet_telemetry_records", "topic", topic, "outcome", "written")
                    .increment(tally.written);
            registry.counter("streamfleet_telemetry_records", "topic", topic, "outcome", "dead_lettered")
                    .increment(tally.parked);
            registry.counter("streamfleet_telemetry_samples_written", "topic", topic).increment(tally.samples);
            activity.topic(topic).ifPresent(t -> t.recordDone(tally.records, tally.samples, tally.parked,
                    tally.newestCapturedAt, now));
        });
    }

    private static String header(KafkaRecord<String, byte[]> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
