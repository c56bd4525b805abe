package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Puts one broker in the lead of every partition of a topic, so that killing it takes the whole topic's leaders. */
final class ClusterLeadership {

    private ClusterLeadership() {
    }

    /**
     * Reorders each partition's replicas with {@code brokerId} first (same replica set, nothing moves) and runs a
     * preferred leader election; returns when the admin calls are done (leadership is then re-checked by the caller).
     */
    static void leadAllPartitions(Admin admin, String topic, int brokerId) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                .get(topic);
        Map<TopicPartition, Optional<NewPartitionReassignment>> reorder = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            List<Integer> replicas = new ArrayList<>(partition.replicas().stream().map(Node::id).toList());
            replicas.remove(Integer.valueOf(brokerId));
            replicas.add(0, brokerId);
            TopicPartition tp = new TopicPartition(topic, partition.partition());
            reorder.put(tp, Optional.of(new NewPartitionReassignment(replicas)));
            partitions.add(tp);
        }
        admin.alterPartitionReassignments(reorder).all().get(15, TimeUnit.SECONDS);
        try {
            admin.electLeaders(ElectionType.PREFERRED, partitions).all().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // ElectionNotNeeded for partitions already led by it is fine; the caller checks the leaders
        }
    }

    /**
     * Waits until no partition of the topic is led by {@code brokerId} any more (asking again when a call fails, as
     * calls routed to a dead or silent broker do) and returns the time since {@code faultAtNanos}.
     */
    static Duration awaitLeadersLeave(Admin admin, String topic, int brokerId, long faultAtNanos, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> !leaders(admin, topic).containsValue(brokerId));
        return Duration.ofNanos(System.nanoTime() - faultAtNanos);
    }

    /** partition -> leader id (-1 without a leader). */
    static Map<Integer, Integer> leaders(Admin admin, String topic) throws Exception {
        Map<Integer, Integer> leaders = new HashMap<>();
        for (TopicPartitionInfo partition : admin.describeTopics(List.of(topic)).allTopicNames()
                .get(15, TimeUnit.SECONDS).get(topic).partitions()) {
            Node leader = partition.leader();
            leaders.put(partition.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
        }
        return leaders;
    }
}
