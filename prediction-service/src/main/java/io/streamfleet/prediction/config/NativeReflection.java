package io.streamfleet.prediction.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamfleet.prediction.domain.ModelFile;
import io.streamfleet.prediction.inference.InferenceRequest;
import io.streamfleet.prediction.inference.InferenceResponse;
import io.streamfleet.prediction.messaging.PredictionResult;
import io.streamfleet.prediction.rest.ErrorResponse;
import io.streamfleet.prediction.rest.ModelsStatus;

/** Payload types Jackson reads or writes reflectively, kept in a native image. */
@RegisterForReflection(targets = { ModelFile.class, PredictionResult.class, InferenceRequest.class,
        InferenceRequest.Tensor.class, InferenceResponse.class, InferenceResponse.Tensor.class, ErrorResponse.class,
        ModelsStatus.class, ModelsStatus.SkippedWindows.class, ModelsStatus.BuiltInModel.class,
        ModelsStatus.RemoteModel.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
