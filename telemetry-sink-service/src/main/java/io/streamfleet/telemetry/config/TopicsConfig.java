package io.streamfleet.telemetry.config;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The topics this service consumes, by the channel that reads them; each consumed topic {@code t} has its dead-letter
 * topic {@code t + deadLetterSuffix}. The channels in application.properties read the same properties.
 */
@ConfigMapping(prefix = "streamfleet.topics")
public interface TopicsConfig {

    /** Satellite telemetry (JSON, key satelliteId). */
    String satellites();

    /** The IoT sensor stream (JSON, key sensorId). */
    String sensors();

    /** Wearable JSON sample streams (IMUs, magnetometer, barometer): small records, large polls. */
    List<String> wearableSensors();

    /** Wearable binary streams (camera JPEG frames, microphone PCM): large records, small polls. */
    List<String> wearableMedia();

    /** Every wearable topic is {@code <prefix><stream>}, e.g. {@code aria.imu-right}. */
    @WithDefault("aria.")
    String wearablePrefix();

    @WithDefault(".dlq")
    String deadLetterSuffix();

    default List<String> all() {
        List<String> all = new ArrayList<>();
        all.add(satellites());
        all.add(sensors());
        all.addAll(wearableSensors());
        all.addAll(wearableMedia());
        return all;
    }

    default String deadLetterTopic(String topic) {
        return topic + deadLetterSuffix();
    }
}
