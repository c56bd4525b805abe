package io.streamfleet.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * deploy/k8s/create-secrets.sh against a stand-in kubectl that keeps Secrets in a folder (the real kubectl renders
 * them, {@code create secret --dry-run=client} needs no cluster): it makes every Secret the manifests reference
 * that Strimzi does not, and a second run changes nothing.
 */
class CreateSecretsScriptTest {

    private static final String NAMESPACE = "streamfleet";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path WORK = Kustomize.REPO.resolve("deploy/target/create-secrets-test");
    private static final Path STORE = WORK.resolve("cluster");

    @BeforeEach
    void emptyCluster() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> files = Files.walk(WORK)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(STORE);
        Path fake = WORK.resolve("kubectl");
        Files.writeString(fake, """
                #!/usr/bin/env bash
                # Stand-in kubectl: Secrets live in $STORE as <namespace>.<name>.yaml.
                set -euo pipefail
                ns=default; args=()
                while (($#)); do
                  case "$1" in -n|--namespace) ns=$2; shift 2 ;; *) args+=("$1"); shift ;; esac
                done
                case "${args[0]} ${args[1]:-}" in
                  "get secret") [[ -f "$STORE/$ns.${args[2]}.yaml" ]] ;;
                  "create secret"|"create namespace") exec "$REAL_KUBECTL" -n "$ns" "${args[@]}" ;;
                  "apply -f")
                    doc=$(cat)
                    kind=$(sed -n 's/^kind: //p' <<<"$doc")
                    name=$(sed -n 's/^  name: //p' <<<"$doc")
                    namespace=$(sed -n 's/^  namespace: //p' <<<"$doc")
                    if [[ $kind == Secret ]]; then
                      [[ ! -f "$STORE/$namespace.$name.yaml" ]] || { echo "overwrote secret $name" >&2; exit 9; }
                      printf '%s\\n' "$doc" >"$STORE/$namespace.$name.yaml"
                    fi
                    echo "${kind,,}/$name configured" ;;
                  *) echo "unexpected kubectl call: ${args[*]}" >&2; exit 2 ;;
                esac
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void makesEverySecretTheManifestsNeedOnceAndKeepsThemOnTheNextRun() throws Exception {
        String first = run();
        Map<String, Map<String, String>> secrets = secrets();
        assertEquals(Set.of("streamfleet-operators", "streamfleet-ingest", "streamfleet-mongodb"), secrets.keySet(),
                first);

        Map<String, String> mongo = secrets.get("streamfleet-mongodb");
        String password = mongo.get("MONGO_INITDB_ROOT_PASSWORD");
        assertTrue(password.matches("[0-9a-f]{48}"), "random hex password, found " + password);
        assertEquals("mongodb://" + mongo.get("MONGO_INITDB_ROOT_USERNAME") + ":" + password
                + "@mongodb:27017/?authSource=admin", mongo.get("MONGODB_URI"));
        Set<String> passwords = new TreeSet<>();
        secrets.values().forEach(data -> data.forEach((key, value) -> {
            if (key.endsWith("PASSWORD")) {
                passwords.add(value);
            }
        }));
        assertEquals(4, passwords.size(), "operator, viewer, ingest and MongoDB passwords differ");

        Map<String, Map<String, String>> before = secrets();
        String second = run();
        assertEquals(before, secrets(), "a second run changes no Secret");
        assertEquals(3, second.lines().filter(line -> line.endsWith(": kept")).count(), second);
    }

    @Test
    void everySecretKeyTheManifestsReferenceIsMadeByTheScriptOrByStrimzi() throws Exception {
        run();
        Map<String, Map<String, String>> made = secrets();
        Manifests rendered = Manifests.parse("microk8s + kafka-ui",
                Kustomize.render("microk8s", NAMESPACE, "kafka-ui"));
        Set<String> strimziSecrets = new TreeSet<>(Set.of("streamfleet-cluster-ca-cert"));
        rendered.all(KafkaUser.class).forEach(user -> strimziSecrets.add(user.getMetadata().getName()));

        List<String> problems = new ArrayList<>();
        List<PodSpec> pods = new ArrayList<>();
        rendered.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        rendered.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        for (PodSpec pod : pods) {
            for (Container container : pod.getContainers()) {
                container.getEnv().stream().filter(e -> e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null).forEach(e -> check(problems, made,
                                strimziSecrets, container.getName(), e.getValueFrom().getSecretKeyRef().getName(),
                                e.getValueFrom().getSecretKeyRef().getKey()));
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    volume.getSecret().getItems().forEach(item -> check(problems, made, strimziSecrets,
                            volume.getName(), volume.getSecret().getSecretName(), item.getKey()));
                }
            }
        }
        // The secret values: passwords and the URI that carries one (a user name is no secret).
        Set<String> values = new TreeSet<>();
        made.values().forEach(data -> data.forEach((key, value) -> {
            if (key.endsWith("PASSWORD") || key.endsWith("URI")) {
                values.add(value);
            }
        }));
        problems.addAll(ManifestTest.secretsInConfigMaps(rendered, values));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private static void check(List<String> problems, Map<String, Map<String, String>> made,
            Set<String> strimziSecrets, String user, String secret, String key) {
        if (strimziSecrets.contains(secret)) {
            Set<String> strimziKeys = secret.equals("streamfleet-cluster-ca-cert") ? Set.of("ca.crt", "ca.p12",
                    "ca.password") : Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password");
            if (!strimziKeys.contains(key)) {
                problems.add(user + ": Strimzi's Secret " + secret + " has no key " + key);
            }
        } else if (!made.containsKey(secret) || !made.get(secret).containsKey(key)) {
            problems.add(user + ": Secret " + secret + "/" + key + " is made neither by create-secrets.sh nor Strimzi");
        }
    }

    private static String run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", Kustomize.K8S.resolve("create-secrets.sh").toString())
                .redirectErrorStream(true);
        builder.environment().put("KUBECTL", WORK.resolve("kubectl").toString());
        builder.environment().put("REAL_KUBECTL", Kustomize.kubectl().toString());
        builder.environment().put("STORE", STORE.toString());
        builder.environment().put("NAMESPACE", NAMESPACE);
        List.of("OPERATOR_PASSWORD", "VIEWER_PASSWORD", "INGEST_PASSWORD", "MONGODB_ROOT_PASSWORD",
                "MONGODB_ROOT_USERNAME").forEach(builder.environment()::remove);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "create-secrets.sh finished");
        assertEquals(0, process.exitValue(), "create-secrets.sh failed:\n" + output);
        return output;
    }

    /** Secret name -> decoded data, as the stand-in cluster holds them. */
    private static Map<String, Map<String, String>> secrets() throws IOException {
        Map<String, Map<String, String>> secrets = new TreeMap<>();
        try (Stream<Path> files = Files.list(STORE)) {
            for (Path file : files.toList()) {
                JsonNode secret = YAML.readTree(file.toFile());
                assertEquals(NAMESPACE, secret.path("metadata").path("namespace").asText(), file.toString());
                Map<String, String> data = new TreeMap<>();
                secret.path("data").fields().forEachRemaining(entry -> data.put(entry.getKey(),
                        new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8)));
                secrets.put(secret.path("metadata").path("name").asText(), data);
            }
        }
        return secrets;
    }
}
