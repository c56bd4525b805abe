package io.streamfleet.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.PlatformEndpointsContract;

/** Readiness here includes the real Kafka broker. */
@QuarkusTest
@TestProfile(SimulatorInfrastructure.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
