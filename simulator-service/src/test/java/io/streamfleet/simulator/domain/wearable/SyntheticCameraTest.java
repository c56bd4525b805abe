package io.streamfleet.simulator.domain.wearable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SyntheticCameraTest {

    @ParameterizedTest
    @CsvSource({ "CAMERA_RGB,1408,1408,false", "CAMERA_SLAM_LEFT,640,480,true", "CAMERA_SLAM_RIGHT,640,480,true",
            "CAMERA_EYETRACKING,320,240,true" })
    void framesAreRealJpegOfTheCamerasSize(WearableStream stream, int width, int height, boolean monochrome)
            throws IOException {
        SyntheticCamera.Spec spec = SyntheticCamera.specOf(stream, 1408);
        List<byte[]> loop = SyntheticCamera.renderLoop(stream, spec, 2);
        assertEquals(2, loop.size());
        for (byte[] jpeg : loop) {
            assertEquals((byte) 0xFF, jpeg[0], "JPEG SOI marker");
            assertEquals((byte) 0xD8, jpeg[1]);
            assertTrue(jpeg.length < 1_000_000, "fits a default Kafka record: " + jpeg.length);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertNotNull(decoded);
            assertEquals(width, decoded.getWidth());
            assertEquals(height, decoded.getHeight());
            assertEquals(monochrome ? 1 : 3, decoded.getColorModel().getNumComponents());
        }
        assertFalse(Arrays.equals(loop.get(0), loop.get(1)), "the picture moves from frame to frame");
    }

    @Test
    void nonCameraStreamsHaveNoPicture() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticCamera.specOf(WearableStream.IMU_LEFT, 1408));
    }
}
