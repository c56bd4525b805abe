package io.streamfleet.prediction.inference;

import java.util.List;

/** The KServe v2 infer request body: {@code {"inputs":[{"name":..,"shape":[1,N],"datatype":"FP32","data":[..]}]}}. */
public record InferenceRequest(List<Tensor> inputs) {

    public record Tensor(String name, long[] shape, String datatype, float[] data) {
    }

    public static InferenceRequest of(String inputName, double[] features) {
        float[] data = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            data[i] = (float) features[i];
        }
        return new InferenceRequest(List.of(new Tensor(inputName, new long[] { 1, data.length }, "FP32", data)));
    }
}
