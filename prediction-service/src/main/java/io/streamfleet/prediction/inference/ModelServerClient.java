package io.streamfleet.prediction.inference;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/**
 * A KServe v2 / Triton model server over HTTP (the Open Inference Protocol); its base URL is
 * {@code quarkus.rest-client.model-server.url}. An answer of 4xx/5xx fails the Uni.
 */
@RegisterRestClient(configKey = "model-server")
@Path("/v2")
public interface ModelServerClient {

    @POST
    @Path("/models/{name}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<InferenceResponse> infer(@PathParam("name") String modelName, InferenceRequest request);

    @GET
    @Path("/health/ready")
    Uni<Response> ready();

    /**
     * NaN and Infinity in an output tensor are read as numbers, so that they are refused as invalid output (reason
     * {@code invalid-remote-output}) rather than failing the call like a broken server.
     */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return defaultObjectMapper.copy().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    }
}
