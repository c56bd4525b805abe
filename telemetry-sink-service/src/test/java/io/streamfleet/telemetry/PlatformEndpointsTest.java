package io.streamfleet.telemetry;

import io.quarkus.test.junit.QuarkusTest;
import io.streamfleet.testsupport.PlatformEndpointsContract;

@QuarkusTest
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
