package io.streamfleet.orders;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.PlatformEndpointsContract;

/** Readiness here includes the real Kafka broker and MongoDB server. */
@QuarkusTest
@TestProfile(OrdersInfrastructure.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
