package io.streamfleet.deploy.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A service's configuration as it runs in the cluster: its application.properties with the {@code prod} profile,
 * overridden by the environment the Deployment gives it (as Quarkus reads environment variables) and by the files
 * QUARKUS_CONFIG_LOCATIONS names. Placeholders the environment does not set take their defaults.
 */
final class ServiceConfig {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

    final String service;
    private final SmallRyeConfig config;
    private final Set<String> names = new TreeSet<>();

    private ServiceConfig(String service, SmallRyeConfig config) {
        this.service = service;
        this.config = config;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("%prod.")) {
                names.add(name.substring("%prod.".length()));
            } else if (!name.startsWith("%")) {
                names.add(name);
            }
        }
    }

    /** {@code environment}: variable -> value; {@code files}: properties files' contents, in override order. */
    static ServiceConfig prod(String service, Map<String, String> environment, List<String> files) {
        Path properties = Kustomize.REPO.resolve(service).resolve("src/main/resources/application.properties");
        try {
            SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withProfile("prod")
                    .withSources(new PropertiesConfigSource(properties.toUri().toURL(), 250))
                    .withSources(new EnvConfigSource(environment, 300));
            int ordinal = 260;
            for (String file : files) {
                Properties loaded = new Properties();
                loaded.load(new StringReader(file));
                Map<String, String> map = new HashMap<>();
                loaded.forEach((key, value) -> map.put(key.toString(), value.toString()));
                builder.withSources(new PropertiesConfigSource(map, "config location " + ordinal, ordinal++));
            }
            return new ServiceConfig(service, builder.build());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> names() {
        return names;
    }

    /** The expanded value; empty when unset, empty, or when a placeholder without default is not set. */
    Optional<String> value(String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /** Properties whose value cannot be expanded (a placeholder without default that nothing sets), with why. */
    Map<String, String> unresolvable() {
        Map<String, String> broken = new LinkedHashMap<>();
        for (String name : names) {
            try {
                // getOptionalValue and getConfigValue answer "absent" here; only getValue tells why.
                config.getValue(name, String.class);
            } catch (NoSuchElementException e) {
                // SRCFG00011: "Could not expand value X in property Y"
                if (e.getMessage() != null && e.getMessage().contains("SRCFG00011")) {
                    broken.put(name, e.getMessage());
                }
            }
        }
        return broken;
    }

    List<String> list(String name) {
        return value(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Topic -> the property naming it: every {@code streamfleet.topics.*} value but prefixes and suffixes. */
    Map<String, String> namedTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String name : names) {
            if (name.startsWith("streamfleet.topics.") && !name.endsWith("-prefix") && !name.endsWith("-suffix")) {
                list(name).forEach(topic -> topics.putIfAbsent(topic, name));
            }
        }
        return topics;
    }

    List<Channel> channels() {
        List<Channel> channels = new ArrayList<>();
        for (String name : names) {
            Matcher matcher = CHANNEL.matcher(name);
            if (!matcher.matches() || !value(name).orElse("").equals("smallrye-kafka")) {
                continue;
            }
            boolean incoming = matcher.group(1).equals("incoming");
            String channel = matcher.group(2);
            String prefix = "mp.messaging." + matcher.group(1) + "." + channel + ".";
            Set<String> topics = new LinkedHashSet<>(list(prefix + "topics"));
            if (topics.isEmpty()) {
                // SmallRye's Kafka connector: the channel name is the topic when none is configured.
                topics.add(value(prefix + "topic").orElse(channel));
            }
            Optional<String> group = incoming
                    ? value(prefix + "group.id").or(() -> value("kafka.group.id"))
                    : Optional.empty();
            channels.add(new Channel(channel, incoming, List.copyOf(topics), group));
        }
        return channels;
    }

    record Channel(String name, boolean incoming, List<String> topics, Optional<String> groupId) {
    }
}
