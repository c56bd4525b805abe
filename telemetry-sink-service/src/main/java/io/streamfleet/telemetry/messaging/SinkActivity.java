package io.streamfleet.telemetry.messaging;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.streamfleet.telemetry.config.TelemetryConfig;
import io.streamfleet.telemetry.config.TopicsConfig;

/** The sink's state for the admin endpoints: per-topic activity and whether the writer is waiting out an outage. */
@Singleton
public class SinkActivity {

    public static final String SATELLITES = "satellites";
    public static final String SENSORS = "sensors";
    public static final String WEARABLE_SENSORS = "wearable-sensors";
    public static final String WEARABLE_MEDIA = "wearable-media";

    private final Map<String, TopicActivity> byTopic = new LinkedHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final long startedAtMillis = clock.millis();
    private final Set<String> channelsWaiting = ConcurrentHashMap.newKeySet();
    private volatile long lastWriteAtMillis;
    private volatile String lastWriteError;

    public SinkActivity(TopicsConfig topics, TelemetryConfig config) {
        int window = (int) Math.max(1, config.admin().rateWindow().toSeconds());
        byTopic.put(topics.satellites(), new TopicActivity(topics.satellites(), SATELLITES, window));
        byTopic.put(topics.sensors(), new TopicActivity(topics.sensors(), SENSORS, window));
        topics.wearableSensors().forEach(t -> byTopic.put(t, new TopicActivity(t, WEARABLE_SENSORS, window)));
        topics.wearableMedia().forEach(t -> byTopic.put(t, new TopicActivity(t, WEARABLE_MEDIA, window)));
    }

    public Collection<TopicActivity> topics() {
        return byTopic.values();
    }

    public Optional<TopicActivity> topic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    public long nowMillis() {
        return clock.millis();
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** Channels whose batch in flight is waiting for VictoriaMetrics to take it (they consume nothing meanwhile). */
    public Set<String> channelsWaiting() {
        return new TreeSet<>(channelsWaiting);
    }

    public long lastWriteAtMillis() {
        return lastWriteAtMillis;
    }

    public String lastWriteError() {
        return lastWriteError;
    }

    void writeFailed(String channel, String error) {
        channelsWaiting.add(channel);
        lastWriteError = error;
    }

    void writeSucceeded(String channel) {
        channelsWaiting.remove(channel);
        lastWriteAtMillis = clock.millis();
    }
}
