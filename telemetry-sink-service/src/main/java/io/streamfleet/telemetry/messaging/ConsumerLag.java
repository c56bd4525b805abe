package io.streamfleet.telemetry.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * Records not yet processed, per topic, over the partitions this instance owns: the log end offset minus the next
 * offset to process (what this instance processed since start, else the group's committed offset). Asked of each
 * channel's own consumer on its polling thread, so it costs no extra connection.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private final KafkaClientService clients;
    private final SinkActivity activity;

    public ConsumerLag(KafkaClientService clients, SinkActivity activity) {
        this.clients = clients;
        this.activity = activity;
    }

    /** Topic -> lag; a topic is missing when its channel's consumer could not tell (e.g. no partition assigned). */
    public Uni<Map<String, Long>> byTopic() {
        Set<String> channels = activity.topics().stream().map(TopicActivity::channel)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Uni<Map<String, Long>>> perChannel = channels.stream().map(this::ofChannel).toList();
        return Uni.join().all(perChannel).andCollectFailures().map(maps -> {
            Map<String, Long> all = new HashMap<>();
            maps.forEach(all::putAll);
            return all;
        });
    }

    /** Every consumer of the channel: with {@code concurrency=n} the channel runs as n copies named channel$1... */
    List<KafkaConsumer<Object, Object>> consumersOf(String channel) {
        return clients.getConsumerChannels().stream()
                .filter(name -> name.equals(channel) || name.startsWith(channel + "$"))
                .flatMap(name -> clients.<Object, Object>getConsumers(name).stream())
                .toList();
    }

    private Uni<Map<String, Long>> ofChannel(String channel) {
        List<Uni<Map<String, Long>>> perConsumer = consumersOf(channel).stream()
                .map(consumer -> consumer.runOnPollingThread(this::lag)
                        .ifNoItem().after(ANSWER_WITHIN).recoverWithItem(Map.<String, Long>of())
                        .onFailure().recoverWithItem(Map.<String, Long>of()))
                .toList();
        if (perConsumer.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(perConsumer).andCollectFailures().map(maps -> {
            Map<String, Long> sum = new HashMap<>();
            maps.forEach(map -> map.forEach((topic, lag) -> sum.merge(topic, lag, Long::sum)));
            return sum;
        });
    }

    private Map<String, Long> lag(Consumer<Object, Object> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, KAFKA_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, KAFKA_TIMEOUT);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(assigned, KAFKA_TIMEOUT);
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Long processed = activity.topic(partition.topic())
                    .map(t -> t.nextOffsets().get(partition.partition())).orElse(null);
            OffsetAndMetadata commit = committed.get(partition);
            long next = processed != null ? processed
                    : commit != null ? commit.offset() : beginnings.getOrDefault(partition, 0L);
            long end = ends.getOrDefault(partition, next);
            lag.merge(partition.topic(), Math.max(0, end - next), Long::sum);
        }
        return lag;
    }
}
