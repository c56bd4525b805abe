package io.streamfleet.prediction;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.PlatformEndpointsContract;

/** Readiness here includes the real Kafka broker and the service's three channels. */
@QuarkusTest
@TestProfile(PredictionInfrastructure.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
