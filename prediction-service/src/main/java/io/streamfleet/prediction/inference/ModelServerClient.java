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
}
