package io.streamfleet.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the Strimzi {@code KafkaUser} manifests ({@code deploy/k8s/base/kafka/users/*.yaml}, the one source of the
 * services' ACLs) into Kafka ACL bindings for {@code User:CN=<metadata.name>}, the principal Kafka derives from a
 * client certificate with that subject, as Strimzi's TLS users are.
 */
public final class KafkaUserAcls {

    private KafkaUserAcls() {
    }

    /** Every ACL of every {@code KafkaUser} document in the folder's {@code *.yaml}/{@code *.yml} files. */
    public static List<AclBinding> read(Path usersDir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(usersDir)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + usersDir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no KafkaUser manifests in " + usersDir);
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                    if (document instanceof Map<?, ?> map && "KafkaUser".equals(map.get("kind"))) {
                        bindings.addAll(bindings(map, file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return bindings;
    }

    /** The ACLs of one KafkaUser document; {@code file} names the source in errors. */
    static List<AclBinding> bindings(Map<?, ?> kafkaUser, Path file) {
        String user = string(map(kafkaUser.get("metadata"), "metadata", file).get("name"), "metadata.name", file);
        Map<?, ?> authorization = map(map(kafkaUser.get("spec"), "spec", file).get("authorization"),
                "spec.authorization", file);
        if (!"simple".equals(authorization.get("type"))) {
            throw new IllegalArgumentException(file + ": spec.authorization.type must be simple");
        }
        String principal = "User:CN=" + user;
        List<AclBinding> bindings = new ArrayList<>();
        Object acls = authorization.get("acls");
        if (!(acls instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": spec.authorization.acls must be a list");
        }
        for (Object item : list) {
            Map<?, ?> acl = map(item, "an acl", file);
            Map<?, ?> resource = map(acl.get("resource"), "acl resource", file);
            ResourceType type = resourceType(string(resource.get("type"), "resource.type", file), file);
            String name = type == ResourceType.CLUSTER ? "kafka-cluster"
                    : string(resource.get("name"), "resource.name", file);
            PatternType pattern = "prefix".equals(resource.get("patternType"))
                    ? PatternType.PREFIXED : PatternType.LITERAL;
            AclPermissionType permission = "deny".equals(acl.get("type")) ? AclPermissionType.DENY
                    : AclPermissionType.ALLOW;
            String host = acl.get("host") == null ? "*" : acl.get("host").toString();
            List<Object> operations = new ArrayList<>();
            if (acl.get("operations") instanceof List<?> ops) {
                operations.addAll(ops);
            }
            if (acl.get("operation") != null) {
                operations.add(acl.get("operation"));
            }
            if (operations.isEmpty()) {
                throw new IllegalArgumentException(file + ": an acl of " + user + " has no operations");
            }
            for (Object operation : operations) {
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, host, operation(operation.toString(), file), permission)));
            }
        }
        return bindings;
    }

    private static ResourceType resourceType(String type, Path file) {
        return switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "cluster" -> ResourceType.CLUSTER;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new IllegalArgumentException(file + ": unknown resource type " + type);
        };
    }

    /** Strimzi's {@code IdempotentWrite} is Kafka's {@code IDEMPOTENT_WRITE}. */
    private static AclOperation operation(String operation, Path file) {
        String constant = operation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        AclOperation parsed = AclOperation.fromString(constant);
        if (parsed == AclOperation.UNKNOWN || parsed == AclOperation.ANY) {
            throw new IllegalArgumentException(file + ": unknown operation " + operation);
        }
        return parsed;
    }

    private static Map<?, ?> map(Object value, String what, Path file) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(file + ": " + what + " missing or not a mapping");
    }

    private static String string(Object value, String what, Path file) {
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new IllegalArgumentException(file + ": " + what + " missing");
    }
}
