package io.streamfleet.drone;

import io.quarkus.test.junit.QuarkusTest;
import io.streamfleet.testsupport.PlatformEndpointsContract;

@QuarkusTest
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
