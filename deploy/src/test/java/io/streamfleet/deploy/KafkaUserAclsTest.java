package io.streamfleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaUserAclsTest {

    private static final Path USERS = Path.of(System.getProperty("streamfleet.root", ".."),
            "deploy/k8s/base/kafka/users");

    @Test
    void predictionServiceGetsExactlyTheBindingsOfItsManifest() {
        Set<String> prediction = KafkaUserAcls.read(USERS).stream()
                .filter(binding -> binding.entry().principal().equals("User:CN=prediction-service"))
                .map(KafkaUserAclsTest::describe).collect(Collectors.toSet());
        assertEquals(Set.of(
                "TOPIC:LITERAL:eeg-features READ", "TOPIC:LITERAL:eeg-features DESCRIBE",
                "TOPIC:LITERAL:prediction-results WRITE", "TOPIC:LITERAL:prediction-results DESCRIBE",
                "TOPIC:LITERAL:eeg-features.dlq WRITE", "TOPIC:LITERAL:eeg-features.dlq DESCRIBE",
                "GROUP:LITERAL:prediction-service READ"), prediction);
    }

    @Test
    void everyServiceManifestYieldsBindingsForItsOwnPrincipal() {
        Set<String> principals = KafkaUserAcls.read(USERS).stream().map(binding -> binding.entry().principal())
                .collect(Collectors.toSet());
        assertEquals(Set.of("User:CN=simulator-service", "User:CN=eeg-ingest-service", "User:CN=prediction-service",
                "User:CN=drone-command-service", "User:CN=widget-order-service", "User:CN=telemetry-sink-service"),
                principals);
    }

    @Test
    void readsStrimziSpellingsPrefixesClusterAndDeny(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("u.yaml"), """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: some-user}
                spec:
                  authentication: {type: tls}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: aria., patternType: prefix}
                        operations: [Read, DescribeConfigs]
                      - resource: {type: cluster}
                        operation: IdempotentWrite
                      - resource: {type: group, name: g}
                        operations: [Read]
                        type: deny
                """);
        List<AclBinding> bindings = KafkaUserAcls.read(dir);
        String principal = "User:CN=some-user";
        assertEquals(List.of(
                new AclBinding(new ResourcePattern(ResourceType.TOPIC, "aria.", PatternType.PREFIXED),
                        new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW)),
                new AclBinding(new ResourcePattern(ResourceType.TOPIC, "aria.", PatternType.PREFIXED),
                        new AccessControlEntry(principal, "*", AclOperation.DESCRIBE_CONFIGS, AclPermissionType.ALLOW)),
                new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                        new AccessControlEntry(principal, "*", AclOperation.IDEMPOTENT_WRITE, AclPermissionType.ALLOW)),
                new AclBinding(new ResourcePattern(ResourceType.GROUP, "g", PatternType.LITERAL),
                        new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.DENY))),
                bindings);
    }

    @Test
    void unknownOperationNamesTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                kind: KafkaUser
                metadata: {name: x}
                spec: {authorization: {type: simple, acls: [{resource: {type: topic, name: t}, operations: [Fly]}]}}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaUserAcls.read(dir));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("Fly"), e.getMessage());
    }

    private static String describe(AclBinding binding) {
        return binding.pattern().resourceType() + ":" + binding.pattern().patternType() + ":" + binding.pattern().name()
                + " " + binding.entry().operation();
    }
}
