package io.streamfleet.eeg.rest;

import java.util.HashMap;
import java.util.Map;

import io.streamfleet.eeg.EegInfrastructure;

/**
 * The real broker, but the gateway publishes to a topic that does not exist (auto-creation is off), so the broker
 * never acknowledges: what a client sees when the frame topic is unavailable.
 */
public class GatewayTimeoutProfile extends EegInfrastructure {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("mp.messaging.outgoing.eeg-frames-out.topic", "no-such-topic");
        overrides.put("mp.messaging.outgoing.eeg-frames-out.health-topic-verification-enabled", "false");
        overrides.put("streamfleet.eeg.gateway.publish-timeout", "500ms");
        return overrides;
    }
}
