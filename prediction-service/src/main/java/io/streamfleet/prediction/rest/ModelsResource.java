package io.streamfleet.prediction.rest;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamfleet.prediction.config.PredictionConfig;
import io.streamfleet.prediction.domain.BandPowerModel;
import io.streamfleet.prediction.domain.ModelFile;
import io.streamfleet.prediction.domain.WindowFreshness;
import io.streamfleet.prediction.inference.Classifier;
import io.streamfleet.prediction.inference.ModelServerClient;
import io.streamfleet.prediction.inference.RemoteModelClassifier;
import io.streamfleet.prediction.messaging.FeaturesProcessor;

@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    /** A probe of the model server must not hold the answer long: a slow server is itself the news. */
    private static final Duration READY_PROBE = Duration.ofSeconds(1);

    private final BandPowerModel builtIn;
    private final Classifier classifier;
    private final RemoteModelClassifier remote;
    private final ModelServerClient client;
    private final PredictionConfig config;
    private final MeterRegistry registry;
    private final String remoteUrl;

    public ModelsResource(BandPowerModel builtIn, Classifier classifier, RemoteModelClassifier remote,
            @RestClient ModelServerClient client, PredictionConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.rest-client.model-server.url") String remoteUrl) {
        this.builtIn = builtIn;
        this.classifier = classifier;
        this.remote = remote;
        this.client = client;
        this.config = config;
        this.registry = registry;
        this.remoteUrl = remoteUrl;
    }

    @GET
    @Operation(summary = "The active model backend, the built-in model and the remote model server",
            description = "backend is builtin or remote; skippedWindows counts the windows not predicted because their "
                    + "EEG was too old (stale) or ahead of this clock (future); builtIn carries the model's version, "
                    + "training figures and dataset; remote (only with the remote backend) its readiness, "
                    + "circuit-breaker state and how many windows fell back to the built-in model, by cause.")
    public Uni<ModelsStatus> models() {
        ModelFile f = builtIn.file();
        ModelsStatus.BuiltInModel model = new ModelsStatus.BuiltInModel(f.name(), f.version(), f.kind(), f.channels(),
                f.bands(), f.classes(), f.trainedAt(), f.trainingAccuracy(), f.holdoutAccuracy(),
                f.holdoutAccuracyPerClass(), f.trainingExamples(), f.holdoutExamples(), f.dataset());
        ModelsStatus.SkippedWindows skipped = new ModelsStatus.SkippedWindows(config.maxWindowAge().toMillis(),
                config.clockSkew().toMillis(), skipped(WindowFreshness.Verdict.STALE),
                skipped(WindowFreshness.Verdict.FUTURE));
        String backend = classifier.backend().name().toLowerCase();
        if (classifier.backend() != PredictionConfig.Backend.REMOTE) {
            return Uni.createFrom().item(new ModelsStatus(backend, config.confidenceThreshold(), skipped, model, null));
        }
        Map<String, Double> byCause = new TreeMap<>();
        for (Counter counter : registry.find("streamfleet_prediction_fallbacks").counters()) {
            byCause.merge(counter.getId().getTag("cause"), counter.count(), Double::sum);
        }
        double fallbacks = byCause.values().stream().mapToDouble(Double::doubleValue).sum();
        return client.ready()
                .map(response -> response.getStatus() == 200)
                .ifNoItem().after(READY_PROBE).recoverWithItem(false)
                .onFailure().recoverWithItem(false)
                .map(ready -> new ModelsStatus(backend, config.confidenceThreshold(), skipped, model,
                        new ModelsStatus.RemoteModel(remoteUrl, remote.modelName(), ready,
                                classifier.circuitState().name(), fallbacks, byCause, remote.lastFailure())));
    }

    private double skipped(WindowFreshness.Verdict reason) {
        return registry.find(FeaturesProcessor.SKIPPED_METRIC).tag("reason", reason.wireName()).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
