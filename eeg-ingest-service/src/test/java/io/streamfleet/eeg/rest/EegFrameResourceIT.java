package io.streamfleet.eeg.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same client-side checks against the packaged application, through HTTP and the real broker only. */
@QuarkusIntegrationTest
class EegFrameResourceIT extends EegFrameResourceTest {
}
