package io.streamfleet.drone;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.PlatformEndpointsContract;

/** Readiness here includes the real Kafka broker and the four channels' topics. */
@QuarkusTest
@TestProfile(DroneInfrastructure.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
