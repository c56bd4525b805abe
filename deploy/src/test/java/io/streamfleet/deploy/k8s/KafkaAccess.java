package io.streamfleet.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

/** What a service does on Kafka according to its configuration, and what a KafkaUser allows, as comparable ACLs. */
final class KafkaAccess {

    /** One allowed operation on one resource. */
    record Acl(String type, String name, String pattern, String operation) implements Comparable<Acl> {
        @Override
        public int compareTo(Acl other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return type + " " + name + (pattern.equals("literal") ? "" : " (" + pattern + ")") + ": " + operation;
        }
    }

    final Set<String> reads = new LinkedHashSet<>();
    final Set<String> writes = new LinkedHashSet<>();
    final Set<String> groups = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();

    /**
     * Incoming channels read their topics with their group; outgoing channels write their topic. Two channels set
     * the topic per record, as the services' code does: simulator-service's WearableSources sends each wearable
     * stream to its {@code streamfleet.topics.aria.<stream>}, and telemetry-sink-service's TelemetryDeadLetters sends
     * a bad record to {@code <its topic><streamfleet.topics.dead-letter-suffix>}.
     */
    static KafkaAccess of(ServiceConfig config) {
        KafkaAccess access = new KafkaAccess();
        List<ServiceConfig.Channel> channels = config.channels();
        for (ServiceConfig.Channel channel : channels) {
            if (channel.incoming()) {
                access.reads.addAll(channel.topics());
                channel.groupId().ifPresentOrElse(access.groups::add, () -> access.problems.add(config.service
                        + ": incoming channel " + channel.name() + " has no group.id (its ACL could not name it)"));
            }
        }
        for (ServiceConfig.Channel channel : channels) {
            if (channel.incoming()) {
                continue;
            }
            access.writes.addAll(channel.topics());
            if (config.service.equals("simulator-service") && channel.name().startsWith("aria-")) {
                config.names().stream().filter(name -> name.startsWith("streamfleet.topics.aria."))
                        .forEach(name -> access.writes.addAll(config.list(name)));
            }
            if (config.service.equals("telemetry-sink-service") && channel.name().equals("dead-letters")) {
                String suffix = config.value("streamfleet.topics.dead-letter-suffix").orElse(".dlq");
                access.reads.forEach(topic -> access.writes.add(topic + suffix));
            }
        }
        return access;
    }

    /** Consumed topics: Read, Describe; produced topics: Write, Describe; consumer groups: Read. */
    Set<Acl> expectedAcls() {
        Set<Acl> acls = new TreeSet<>();
        reads.forEach(topic -> {
            acls.add(new Acl("topic", topic, "literal", "Read"));
            acls.add(new Acl("topic", topic, "literal", "Describe"));
        });
        writes.forEach(topic -> {
            acls.add(new Acl("topic", topic, "literal", "Write"));
            acls.add(new Acl("topic", topic, "literal", "Describe"));
        });
        groups.forEach(group -> acls.add(new Acl("group", group, "literal", "Read")));
        return acls;
    }

    /** Every allow rule of the user, one entry per operation; a deny rule or a host restriction is reported. */
    static Set<Acl> allowed(KafkaUser user, List<String> problems) {
        Set<Acl> acls = new TreeSet<>();
        String who = "KafkaUser " + user.getMetadata().getName();
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
            problems.add(who + ": spec.authorization must be type simple");
            return acls;
        }
        for (AclRule rule : simple.getAcls()) {
            if (rule.getType() != null && rule.getType() != AclRuleType.ALLOW) {
                problems.add(who + ": only allow rules are expected, found " + rule.getType());
            }
            if (rule.getHost() != null && !rule.getHost().equals("*")) {
                problems.add(who + ": rule limited to host " + rule.getHost());
            }
            String type;
            String name;
            AclResourcePatternType pattern = AclResourcePatternType.LITERAL;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                type = "topic";
                name = topic.getName();
                pattern = topic.getPatternType();
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                type = "group";
                name = group.getName();
                pattern = group.getPatternType();
            } else if (rule.getResource() instanceof AclRuleTransactionalIdResource transactionalId) {
                type = "transactionalId";
                name = transactionalId.getName();
                pattern = transactionalId.getPatternType();
            } else if (rule.getResource() instanceof AclRuleClusterResource) {
                type = "cluster";
                name = "kafka-cluster";
            } else {
                problems.add(who + ": unknown ACL resource " + rule.getResource());
                continue;
            }
            String patternName = pattern == null ? "literal" : pattern.toValue();
            Set<AclOperation> operations = new LinkedHashSet<>();
            if (rule.getOperations() != null) {
                operations.addAll(rule.getOperations());
            }
            if (rule.getOperation() != null) {
                operations.add(rule.getOperation());
            }
            if (operations.isEmpty()) {
                problems.add(who + ": rule on " + type + " " + name + " names no operation");
            }
            for (AclOperation operation : operations) {
                acls.add(new Acl(type, name, patternName, operation.toValue()));
            }
        }
        return acls;
    }
}
