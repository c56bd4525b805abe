package io.streamfleet.support.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The Quarkus TLS registry's {@code kafka} configuration (see {@code kafka.tls-configuration-name}) from the
 * deployment's {@code KAFKA_TRUSTSTORE_PATH}/{@code _PASSWORD} and {@code KAFKA_KEYSTORE_PATH}/{@code _PASSWORD}
 * (PKCS12), each defined only when its variable is set. application.properties cannot do this: a store whose path
 * expands to empty fails startup, also on a PLAINTEXT cluster that needs no store at all.
 * Ordinal 275: above application.properties (250), below the environment and system properties (300, 400), so the
 * registry's own names ({@code QUARKUS_TLS_KAFKA_...}) still win. Reads the environment on every call, never at
 * construction, so nothing of the build machine's environment ends up in a native image.
 */
public final class KafkaTlsEnvironment implements ConfigSource {

    private static final Map<String, String> VARIABLE_BY_PROPERTY = Map.of(
            "quarkus.tls.kafka.trust-store.p12.path", "KAFKA_TRUSTSTORE_PATH",
            "quarkus.tls.kafka.trust-store.p12.password", "KAFKA_TRUSTSTORE_PASSWORD",
            "quarkus.tls.kafka.key-store.p12.path", "KAFKA_KEYSTORE_PATH",
            "quarkus.tls.kafka.key-store.p12.password", "KAFKA_KEYSTORE_PASSWORD");

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        VARIABLE_BY_PROPERTY.forEach((property, variable) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                properties.put(property, value);
            }
        });
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return getProperties().get(propertyName);
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    @Override
    public String getName() {
        return "KafkaTlsEnvironment";
    }
}
