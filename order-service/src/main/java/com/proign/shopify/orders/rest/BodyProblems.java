package com.proign.shopify.orders.rest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpServerRequest;

/**
 * A request body that is not JSON, or JSON of the wrong shape, as problem+json 400 in plain words: which field, and
 * what it must be (an object, a list, a number, one of the accepted values), in the shape of bean validation's
 * answers ({@code violations} with {@code field}, {@code in}, {@code message}; {@code field} also at the top, as
 * the problem library answered before). Never Jackson's own message, which
 * names Java types. These take precedence over the problem library's own Jackson mappers ({@link #FIRST}).
 */
public class BodyProblems {

    /** Before the problem library's mappers of the same exceptions, which it registers with priority 999. */
    static final int FIRST = 900;

    /** The JSON reader wraps a body that is not JSON in a 400 WebApplicationException: unwrapped here. */
    @ServerExceptionMapper(priority = FIRST)
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        // any other: its status and reason phrase, a sentence instead of the framework's, the response's headers
        Response original = e.getResponse();
        int status = original.getStatus();
        String detail = switch (status) {
            case 405 -> "this address does not take " + request.method();
            case 406 -> "this address answers application/json only";
            case 415 -> "this operation does not take a body of type " + request.getHeader("Content-Type");
            default -> original.getStatusInfo().getReasonPhrase();
        };
        Response.ResponseBuilder answer = Response.fromResponse(HttpProblem.builder().withStatus(status)
                .withTitle(original.getStatusInfo().getReasonPhrase()).withDetail(detail)
                .withInstance(java.net.URI.create(request.path())).build().toResponse());
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (e instanceof InvalidFormatException invalid) {
            return invalidValue(invalid);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return wrongShape(mismatched);
        }
        if (e instanceof JsonMappingException mapping) {
            return unreadable(mapping);
        }
        var location = e.getLocation();
        return HttpProblem.builder().withStatus(400).withTitle("Body is not JSON")
                .withDetail("the body is not valid JSON" + (location == null ? ""
                        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"))
                .build().toResponse();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unknownField(UnrecognizedPropertyException e) {
        Collection<Object> known = e.getKnownPropertyIds();
        String message = "is not a field of this request"
                + (known == null || known.isEmpty() ? "" : "; the fields are " + known.stream().map(String::valueOf)
                        .sorted().collect(Collectors.joining(", ")));
        return field(path(e), message);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response invalidValue(InvalidFormatException e) {
        return field(path(e), "the value " + quoted(e.getValue()) + " is not accepted; it must be " + expected(e.getTargetType()));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response wrongShape(MismatchedInputException e) {
        String path = path(e);
        return field(path, e.getTargetType() == null ? "is not of the expected kind" : "must be " + expected(e.getTargetType()));
    }

    /** Any other mapping failure (a value a constructor refused, a broken stream): the field, without internals. */
    @ServerExceptionMapper(priority = FIRST)
    public Response unreadable(JsonMappingException e) {
        return field(path(e), "cannot be read as given");
    }

    private static Response field(String field, String message) {
        String name = field.isEmpty() ? "body" : field;
        return HttpProblem.builder().withStatus(400).withTitle("Invalid body")
                .withDetail(name + ": " + message)
                .with("field", name)
                .with("violations", List.of(Map.of("field", name, "in", "body", "message", message)))
                .build().toResponse();
    }

    /** The field as the client wrote it: {@code lines[0].quantity}; empty for the body itself. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a value of the type looks like in JSON, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "one of " + java.util.Arrays.stream(constants).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return type == java.time.LocalDate.class ? "a date (YYYY-MM-DD)" : "a date and time (ISO 8601)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "\"" : String.valueOf(value);
    }
}
