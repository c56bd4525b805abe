package io.streamfleet.simulator.domain.wearable;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Synthetic camera pictures encoded as real JPEG: a colour scene with a moving sun and horizon for the RGB camera,
 * grey high-contrast corners (what SLAM trackers follow) for the SLAM cameras, and a moving dark pupil for the
 * eye-tracking camera. A short loop is rendered once and replayed, because encoding a 1408x1408 frame costs tens of
 * milliseconds and the pacer must not wait for it.
 */
public final class SyntheticCamera {

    /** The picture a camera produces: size and whether it is monochrome. */
    public record Spec(int width, int height, boolean monochrome) {
        public Spec {
            if (width < 16 || height < 16) {
                throw new IllegalArgumentException("a camera frame is at least 16x16, was " + width + "x" + height);
            }
        }
    }

    private SyntheticCamera() {
    }

    public static Spec specOf(WearableStream stream, int rgbSize) {
        return switch (stream) {
            case CAMERA_RGB -> new Spec(rgbSize, rgbSize, false);
            case CAMERA_SLAM_LEFT, CAMERA_SLAM_RIGHT -> new Spec(640, 480, true);
            case CAMERA_EYETRACKING -> new Spec(320, 240, true);
            default -> throw new IllegalArgumentException(stream.streamName() + " is not a camera");
        };
    }

    /** {@code frames} JPEG frames of one loop of the camera's scene. */
    public static List<byte[]> renderLoop(WearableStream stream, Spec spec, int frames) {
        List<byte[]> loop = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            loop.add(jpeg(render(stream, spec, (double) i / frames)));
        }
        return loop;
    }

    static BufferedImage render(WearableStream stream, Spec spec, double progress) {
        BufferedImage image = new BufferedImage(spec.width(), spec.height(),
                spec.monochrome() ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            switch (stream) {
                case CAMERA_RGB -> drawScene(g, spec, progress);
                case CAMERA_EYETRACKING -> drawEye(g, spec, progress);
                default -> drawCorners(g, spec, progress, stream == WearableStream.CAMERA_SLAM_RIGHT ? 40 : 0);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawScene(Graphics2D g, Spec spec, double progress) {
        int w = spec.width();
        int h = spec.height();
        int horizon = (int) (h * (0.55 + 0.05 * Math.sin(2 * Math.PI * progress)));
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 180), 0, horizon, new Color(170, 210, 250)));
        g.fillRect(0, 0, w, horizon);
        g.setPaint(new GradientPaint(0, horizon, new Color(70, 130, 60), 0, h, new Color(30, 60, 25)));
        g.fillRect(0, horizon, w, h - horizon);
        int sun = w / 8;
        g.setColor(new Color(255, 220, 90));
        g.fillOval((int) (progress * (w + sun)) - sun, h / 8, sun, sun);
        g.setColor(new Color(120, 80, 50));
        for (int tree = 0; tree < 6; tree++) {
            int x = (int) ((tree * w / 6 + progress * w / 3) % w);
            g.fillRect(x, horizon - h / 10, w / 60, h / 10);
        }
    }

    private static void drawCorners(Graphics2D g, Spec spec, double progress, int offset) {
        int w = spec.width();
        int h = spec.height();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, w, h);
        int cell = Math.max(8, w / 10);
        int shift = (int) (progress * cell) + offset;
        for (int y = -cell; y < h + cell; y += cell) {
            for (int x = -cell; x < w + cell; x += cell) {
                if (((x + y) / cell & 1) == 0) {
                    g.setColor(new Color(200, 200, 200));
                    g.fillRect(x + shift, y, cell / 2, cell / 2);
                }
            }
        }
    }

    private static void drawEye(Graphics2D g, Spec spec, double progress) {
        int w = spec.width();
        int h = spec.height();
        g.setColor(new Color(150, 150, 150));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(210, 210, 210));
        g.fillOval(w / 8, h / 4, w * 3 / 4, h / 2);
        int pupil = h / 5;
        int x = (int) (w / 2 + w / 6 * Math.sin(2 * Math.PI * progress + 0.5)) - pupil / 2;
        g.setColor(new Color(20, 20, 20));
        g.fillOval(x, h / 2 - pupil / 2, pupil, pupil);
        g.setStroke(new BasicStroke(2));
        g.setColor(new Color(240, 240, 240));
        g.fillOval(x + pupil / 4, h / 2 - pupil / 4, pupil / 6, pupil / 6);
    }

    static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 8);
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
