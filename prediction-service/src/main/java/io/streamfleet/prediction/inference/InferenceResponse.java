package io.streamfleet.prediction.inference;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The KServe v2 infer response body; only what this service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceResponse(@JsonProperty("model_name") String modelName,
        @JsonProperty("model_version") String modelVersion, List<Tensor> outputs) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tensor(String name, long[] shape, String datatype, double[] data) {
    }
}
