package io.streamfleet.support.kafka;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.kafka.client.tls.QuarkusKafkaSslEngineFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Kafka's TLS engine for every client of this service, built from the Quarkus TLS registry's {@code kafka}
 * configuration. Quarkus' own factory (what {@code kafka.tls-configuration-name} installs) needs that name in each
 * client's configuration, but the admin clients of the channels' topic verification (health checks) keep only Kafka's
 * admin settings and then fail to start; this factory falls back to {@code kafka} when the name is missing.
 * Kafka instantiates it by class name ({@code kafka.ssl.engine.factory.class}), hence the reflection registration.
 */
@RegisterForReflection
public class KafkaTlsEngineFactory extends QuarkusKafkaSslEngineFactory {

    /** The TLS registry configuration: quarkus.tls.kafka.* (see KafkaTlsEnvironment). */
    static final String TLS_CONFIGURATION = "kafka";

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> named = new HashMap<>(configs);
        named.putIfAbsent("tls-configuration-name", TLS_CONFIGURATION);
        super.configure(named);
    }
}
