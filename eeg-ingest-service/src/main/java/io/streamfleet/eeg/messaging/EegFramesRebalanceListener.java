package io.streamfleet.eeg.messaging;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.streamfleet.eeg.domain.HeadsetWindows;

/**
 * Drops the windows of the headsets on partitions this instance loses: their new owner rebuilds them from the log,
 * and should the partitions come back, a stale half-window must not be continued with frames that skipped ahead.
 * Runs on the Kafka polling thread; {@link HeadsetWindows} is safe to drop from there. Never throws: a failing
 * listener would fail the rebalance.
 */
@ApplicationScoped
@Identifier(EegFramesRebalanceListener.NAME)
public class EegFramesRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "eeg-frames-rebalance";
    private static final Logger LOG = Logger.getLogger(EegFramesRebalanceListener.class);

    private final HeadsetWindows windows;
    private final Counter dropped;

    public EegFramesRebalanceListener(HeadsetWindows windows, MeterRegistry registry) {
        this.windows = windows;
        this.dropped = registry.counter("streamfleet_eeg_headsets_dropped_on_rebalance");
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions, "lost");
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("frame partitions assigned: %s", partitions);
    }

    private void forget(Collection<TopicPartition> partitions, String how) {
        try {
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            int count = windows.dropPartitions(numbers);
            dropped.increment(count);
            LOG.infof("frame partitions %s %s: forgot the windows of %d headsets", how, partitions, count);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not forget the headsets of %s partitions %s", how, partitions);
        }
    }
}
