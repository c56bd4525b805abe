package io.streamfleet.eeg.config;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.streamfleet.eeg.domain.EegFrameValidator;
import io.streamfleet.eeg.domain.FeatureExtractor;
import io.streamfleet.eeg.domain.FilterSettings;
import io.streamfleet.eeg.domain.FrameFreshness;
import io.streamfleet.eeg.domain.FrameRules;
import io.streamfleet.eeg.domain.HeadsetDirectory;
import io.streamfleet.eeg.domain.HeadsetWindows;
import io.streamfleet.eeg.domain.QualitySettings;
import io.streamfleet.eeg.domain.WindowSettings;

/** The plain-Java domain objects, built once from configuration. */
public class DomainBeans {

    @Produces
    @Singleton
    EegFrameValidator frameValidator(EegConfig config) {
        EegConfig.Frames frames = config.frames();
        return new EegFrameValidator(new FrameRules(Set.copyOf(frames.supportedSampleRates()), frames.maxChannels(),
                frames.maxSamplesPerFrame(), config.gateway().maxFramesPerRequest(), frames.maxIdLength()));
    }

    @Produces
    @Singleton
    HeadsetWindows headsetWindows(EegConfig config) {
        return new HeadsetWindows(new WindowSettings(config.window().length(), config.window().hop()));
    }

    @Produces
    @Singleton
    FeatureExtractor featureExtractor(EegConfig config) {
        EegConfig.Filter filter = config.filter();
        EegConfig.Quality quality = config.quality();
        FeatureExtractor extractor = new FeatureExtractor(
                new FilterSettings(filter.mainsHz(), filter.notchQ(), filter.lowCutHz(), filter.highCutHz()),
                new QualitySettings(quality.railingMicrovolts(), quality.flatVarianceMicrovolts2()));
        // fail at startup, not on the first window, when a band does not fit a configured sample rate
        config.frames().supportedSampleRates().forEach(extractor::checkSampleRate);
        return extractor;
    }

    @Produces
    @Singleton
    FrameFreshness frameFreshness(EegConfig config) {
        return new FrameFreshness(config.maxFrameAge(), config.clockSkew());
    }

    @Produces
    @Singleton
    HeadsetDirectory headsetDirectory(EegConfig config) {
        return new HeadsetDirectory(config.headsets().rateInterval());
    }
}
