package io.streamfleet.telemetry.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.streamfleet.telemetry.domain.InvalidFieldException;

/** Every error answer is JSON: bad or unknown input names the field; framework errors (404, 405) keep their status. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return json(ErrorResponse.badRequest(e.field(), e.reason()));
    }

    @ServerExceptionMapper
    public Response unknownId(UnknownIdException e) {
        return json(ErrorResponse.notFound(e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return json(new ErrorResponse(status.getStatusCode(), status.getReasonPhrase(), null, e.getMessage()));
    }

    private static Response json(ErrorResponse body) {
        return Response.status(body.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
