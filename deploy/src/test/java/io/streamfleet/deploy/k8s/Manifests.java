package io.streamfleet.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Every document of a rendered kustomization, parsed into the fabric8 Kubernetes model or Strimzi's model. A kind
 * without a model, or a field the model does not know (a typo, a field of another API version), fails the parse:
 * both models keep unknown fields aside instead of rejecting them, so they are looked for after parsing.
 */
final class Manifests {

    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    final String name;
    private final List<HasMetadata> resources;

    private Manifests(String name, List<HasMetadata> resources) {
        this.name = name;
        this.resources = resources;
    }

    static Manifests parse(String name, String rendered) {
        List<HasMetadata> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                String id = type + " " + document.path("metadata").path("name").asText();
                Class<? extends HasMetadata> model = MODELS.get(type);
                if (model == null) {
                    problems.add(id + ": no model for this kind (known: " + MODELS.keySet() + ")");
                    continue;
                }
                HasMetadata resource = YAML.treeToValue(document, model);
                unknownFields(resource, id, new IdentityHashMap<>(), problems);
                resources.add(resource);
            }
        } catch (IOException e) {
            fail(name + ": the rendered manifests do not parse: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            fail(name + ": " + String.join("\n  ", problems));
        }
        return new Manifests(name, resources);
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String resourceName) {
        return all(kind).stream().filter(r -> resourceName.equals(r.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String resourceName) {
        return find(kind, resourceName).orElseGet(
                () -> fail(name + ": no " + kind.getSimpleName() + " named " + resourceName));
    }

    List<HasMetadata> all() {
        return resources;
    }

    /** Walks the model's getters; a non-empty additionalProperties map is a field the model did not know. */
    private static void unknownFields(Object value, String path, Map<Object, Boolean> seen, List<String> problems) {
        if (value == null || seen.containsKey(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", seen, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, seen, problems));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        seen.put(value, Boolean.TRUE);
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else if (!(child instanceof Enum<?>) && !Set.of("getClass").contains(getter.getName())) {
                unknownFields(child, path + "." + property(getter.getName()), seen, problems);
            }
        }
    }

    private static String property(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    static Map<String, String> data(ConfigMap configMap) {
        return configMap.getData() == null ? Map.of() : new LinkedHashMap<>(configMap.getData());
    }
}
