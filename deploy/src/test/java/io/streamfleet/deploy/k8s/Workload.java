package io.streamfleet.deploy.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/** What one container sees: its environment and the files mounted into it, resolved against the rendered objects. */
final class Workload {

    /** Where an environment variable or a mounted file comes from. */
    record Source(String kind, String name, String key, String value) {

        boolean fromSecret() {
            return kind.equals("Secret");
        }

        @Override
        public String toString() {
            return kind + " " + name + (key == null ? "" : "/" + key);
        }
    }

    private final Map<String, Source> environment = new LinkedHashMap<>();
    private final Map<String, Source> files = new LinkedHashMap<>();
    final PodSpec pod;
    final Container container;

    Workload(Manifests manifests, PodSpec pod, Container container) {
        this(manifests, pod, container, Set.of());
    }

    /** {@code claims}: a StatefulSet's volumeClaimTemplates, volumes that are not in the pod spec. */
    Workload(Manifests manifests, PodSpec pod, Container container, Set<String> claims) {
        this.pod = pod;
        this.container = container;
        for (EnvFromSource from : list(container.getEnvFrom())) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Manifests.data(manifests.get(ConfigMap.class, name)).forEach((key, value) -> environment.put(
                        (from.getPrefix() == null ? "" : from.getPrefix()) + key,
                        new Source("ConfigMap", name, key, value)));
            }
        }
        for (EnvVar variable : list(container.getEnv())) {
            environment.put(variable.getName(), source(manifests, variable));
        }
        for (VolumeMount mount : list(container.getVolumeMounts())) {
            if (claims.contains(mount.getName())) {
                continue;
            }
            Volume volume = list(pod.getVolumes()).stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("volume " + mount.getName() + " is not defined"));
            if (volume.getSecret() != null) {
                for (KeyToPath item : list(volume.getSecret().getItems())) {
                    files.put(mount.getMountPath() + "/" + item.getPath(),
                            new Source("Secret", volume.getSecret().getSecretName(), item.getKey(), null));
                }
            } else if (volume.getConfigMap() != null) {
                String name = volume.getConfigMap().getName();
                Map<String, String> data = Manifests.data(manifests.get(ConfigMap.class, name));
                if (volume.getConfigMap().getItems() == null || volume.getConfigMap().getItems().isEmpty()) {
                    data.forEach((key, value) -> files.put(mount.getMountPath() + "/" + key,
                            new Source("ConfigMap", name, key, value)));
                } else {
                    for (KeyToPath item : volume.getConfigMap().getItems()) {
                        files.put(mount.getMountPath() + "/" + item.getPath(),
                                new Source("ConfigMap", name, item.getKey(), data.get(item.getKey())));
                    }
                }
            }
        }
    }

    private static Source source(Manifests manifests, EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return new Source("value", variable.getName(), null, variable.getValue() == null ? "" : variable.getValue());
        }
        var from = variable.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            return new Source("Secret", from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey(), null);
        }
        if (from.getConfigMapKeyRef() != null) {
            String name = from.getConfigMapKeyRef().getName();
            String key = from.getConfigMapKeyRef().getKey();
            return new Source("ConfigMap", name, key, Manifests.data(manifests.get(ConfigMap.class, name)).get(key));
        }
        return new Source("field", variable.getName(), null, "");
    }

    Map<String, Source> environment() {
        return environment;
    }

    Optional<Source> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    Map<String, Source> files() {
        return files;
    }

    /**
     * The environment as the process sees it; a Secret's value is unknown here and stands as a marker, so a
     * placeholder it fills resolves.
     */
    Map<String, String> processEnvironment() {
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((name, source) -> values.put(name,
                source.fromSecret() ? "<from " + source + ">" : source.value()));
        return values;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
