package io.streamfleet.simulator.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.streamfleet.simulator.config.SimulatorConfig;
import io.streamfleet.simulator.domain.wearable.AudioChunkGenerator;
import io.streamfleet.simulator.domain.wearable.HeadMotionModel;
import io.streamfleet.simulator.domain.wearable.SyntheticCamera;
import io.streamfleet.simulator.domain.wearable.WearableSample;
import io.streamfleet.simulator.domain.wearable.WearableStream;

/**
 * The Aria-style glasses: one source per stream ({@code camera-rgb}, ..., {@code microphone}), each to its own topic
 * {@code aria.<stream>} keyed by device id, for N devices read in turn. Camera frames go through the
 * {@code aria-images} channel, everything else through {@code aria-sensors}; a record names its own topic.
 */
@Singleton
public class WearableSources implements SourceGroup {

    public static final String IMAGES_CHANNEL = "aria-images";
    public static final String SENSORS_CHANNEL = "aria-sensors";

    private final List<PacedSource> sources = new ArrayList<>();

    public WearableSources(
            @Channel(IMAGES_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> images,
            @Channel(SENSORS_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<byte[]> sensors,
            SimulatorConfig config, Config rawConfig, BurstProtection burst, ObjectMapper mapper,
            MeterRegistry registry) {
        SimulatorConfig.Wearable wearable = config.wearable();
        String prefix = rawConfig.getOptionalValue("streamfleet.topics.aria-prefix", String.class).orElse("aria.");
        for (WearableStream stream : WearableStream.values()) {
            String name = stream.streamName();
            String topic = rawConfig.getOptionalValue("streamfleet.topics.aria." + name, String.class)
                    .orElse(prefix + name);
            Optional<SimulatorConfig.WearableStreamConfig> own = Optional.ofNullable(wearable.streams().get(name));
            double perDevice = own.flatMap(SimulatorConfig.WearableStreamConfig::rate).orElse(stream.deviceRate());
            boolean autostart = own.flatMap(SimulatorConfig.WearableStreamConfig::autostart).orElse(false);
            SourceSpec spec = new SourceSpec(name, stream.isCamera() ? IMAGES_CHANNEL : SENSORS_CHANNEL, topic,
                    stream.kind(), perDevice * wearable.devices(), autostart);
            sources.add(switch (stream) {
                case CAMERA_RGB, CAMERA_SLAM_LEFT, CAMERA_SLAM_RIGHT, CAMERA_EYETRACKING ->
                        new CameraSource(spec, stream, wearable, images, burst, registry);
                case MICROPHONE -> new MicrophoneSource(spec, wearable, sensors, burst, registry);
                default -> new MotionSource(spec, stream, wearable, mapper, sensors, burst, registry);
            });
        }
    }

    @Override
    public List<PacedSource> sources() {
        return List.copyOf(sources);
    }

    static String deviceId(int device) {
        return "aria-" + (device + 1);
    }

    /** Devices take turns: the i-th record of a stream comes from device i mod N. */
    private abstract static class WearableSource extends PacedSource {

        final int devices;
        private int nextDevice;

        WearableSource(SourceSpec spec, int devices, MutinyEmitter<byte[]> emitter, BurstProtection burst,
                MeterRegistry registry) {
            super(spec, emitter, burst, registry);
            this.devices = devices;
        }

        int takeDevice() {
            int device = nextDevice;
            nextDevice = (nextDevice + 1) % devices;
            return device;
        }
    }

    /** JPEG frames from a loop rendered at the first start; metadata in headers. */
    static final class CameraSource extends WearableSource {

        private final WearableStream stream;
        private final SyntheticCamera.Spec camera;
        private final int loopFrames;
        private final int[] frameOfDevice;
        private volatile List<byte[]> loop = List.of();

        CameraSource(SourceSpec spec, WearableStream stream, SimulatorConfig.Wearable config,
                MutinyEmitter<byte[]> emitter, BurstProtection burst, MeterRegistry registry) {
            super(spec, config.devices(), emitter, burst, registry);
            this.stream = stream;
            this.camera = SyntheticCamera.specOf(stream, config.rgbSize());
            this.loopFrames = config.framePool();
            this.frameOfDevice = new int[config.devices()];
        }

        @Override
        protected void prepare() {
            loop = SyntheticCamera.renderLoop(stream, camera, loopFrames);
        }

        @Override
        protected OutgoingRecord next(long capturedAtEpochNanos) {
            int device = takeDevice();
            byte[] frame = loop.get(frameOfDevice[device]);
            frameOfDevice[device] = (frameOfDevice[device] + 1) % loop.size();
            String deviceId = deviceId(device);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("stream", stream.streamName());
            headers.put("deviceId", deviceId);
            headers.put("capturedAtNanos", Long.toString(capturedAtEpochNanos));
            headers.put("width", Integer.toString(camera.width()));
            headers.put("height", Integer.toString(camera.height()));
            return new OutgoingRecord(topic(), deviceId, frame, headers);
        }
    }

    /** IMU, magnetometer and barometer samples as DESIGN.md's JSON. */
    static final class MotionSource extends WearableSource {

        private final WearableStream stream;
        private final List<HeadMotionModel> heads = new ArrayList<>();
        private final ObjectMapper mapper;

        MotionSource(SourceSpec spec, WearableStream stream, SimulatorConfig.Wearable config, ObjectMapper mapper,
                MutinyEmitter<byte[]> emitter, BurstProtection burst, MeterRegistry registry) {
            super(spec, config.devices(), emitter, burst, registry);
            this.stream = stream;
            this.mapper = mapper;
            Random random = new Random();
            for (int device = 0; device < config.devices(); device++) {
                heads.add(new HeadMotionModel(device, random));
            }
        }

        @Override
        protected OutgoingRecord next(long capturedAtEpochNanos) {
            int device = takeDevice();
            HeadMotionModel head = heads.get(device);
            double seconds = capturedAtEpochNanos / 1e9;
            Map<String, Double> values = switch (stream) {
                case IMU_RIGHT -> head.imu(seconds, false);
                case IMU_LEFT -> head.imu(seconds, true);
                case MAGNETOMETER -> head.magnetometer(seconds);
                case BAROMETER -> head.barometer(seconds);
                default -> throw new IllegalStateException(stream + " is not a motion stream");
            };
            String deviceId = deviceId(device);
            try {
                return new OutgoingRecord(topic(), deviceId, mapper.writeValueAsBytes(
                        new WearableSample(deviceId, stream.streamName(), capturedAtEpochNanos, values)), null);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a wearable sample always serialises", e);
            }
        }
    }

    /** 16-bit little-endian PCM chunks of the microphone array; format in headers. */
    static final class MicrophoneSource extends WearableSource {

        private final List<AudioChunkGenerator> microphones = new ArrayList<>();

        MicrophoneSource(SourceSpec spec, SimulatorConfig.Wearable config, MutinyEmitter<byte[]> emitter,
                BurstProtection burst, MeterRegistry registry) {
            super(spec, config.devices(), emitter, burst, registry);
            Random random = new Random();
            int chunkMillis = (int) Math.round(1000 / WearableStream.MICROPHONE.deviceRate());
            for (int device = 0; device < config.devices(); device++) {
                microphones.add(new AudioChunkGenerator(config.microphoneSampleRate(), config.microphoneChannels(),
                        chunkMillis, random));
            }
        }

        @Override
        protected OutgoingRecord next(long capturedAtEpochNanos) {
            int device = takeDevice();
            AudioChunkGenerator microphone = microphones.get(device);
            String deviceId = deviceId(device);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("stream", WearableStream.MICROPHONE.streamName());
            headers.put("deviceId", deviceId);
            headers.put("capturedAtNanos", Long.toString(capturedAtEpochNanos));
            headers.put("sampleRateHz", Integer.toString(microphone.sampleRateHz()));
            headers.put("channels", Integer.toString(microphone.channels()));
            return new OutgoingRecord(topic(), deviceId, microphone.nextChunk(), headers);
        }
    }
}
