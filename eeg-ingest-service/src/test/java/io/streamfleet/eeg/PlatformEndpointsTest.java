package io.streamfleet.eeg;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.PlatformEndpointsContract;

/** Readiness here includes the real Kafka broker and the EEG topics. */
@QuarkusTest
@TestProfile(EegInfrastructure.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
