package io.streamfleet.telemetry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.PlatformEndpointsContract;

/** Readiness includes the Kafka channels and VictoriaMetrics, so it runs against the real ones. */
@QuarkusTest
@TestProfile(TelemetryInfrastructure.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
