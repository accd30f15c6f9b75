package fr.progerance.ops.engine;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Errors of Camunda's REST API ({@code /engine-rest}): a refusal is a 4xx with its readable
 * message, never a 500, and no error answer grows with the input (issue 7, section 4).
 *
 * <p>Camunda's resources catch engine exceptions themselves and rethrow many of them as a
 * {@link RestException} with status 500 ("Cannot complete task ...: ..."), whatever the cause: a
 * start refused by a delegate ({@link FormRefusal}), a completion refused by a task listener (which
 * the engine wraps once more), a refused variable write ({@link BadUserRequestException}), a user id
 * outside Camunda's resource-id pattern, an unknown job. These mappers take the place of Camunda's
 * own ({@code RestExceptionHandler}, {@code ProcessEngineExceptionHandler}, {@code ExceptionHandler},
 * and the mappers of Jackson's errors: same exception types, higher {@link Priority}) and keep Camunda's answer, body and status, except
 * that a 500 caused by a client error becomes:
 * <ul>
 * <li>403 for an {@link AuthorizationException};</li>
 * <li>404 for a record that does not exist (Camunda's or the application's {@code NotFoundException},
 *     the engine's "No job found with id ...");</li>
 * <li>409 for the application's {@link ConflictException}, a task claimed by someone else, a record
 *     changed meanwhile (optimistic locking);</li>
 * <li>400 for a {@link FormFieldValidationException} ({@link FormRefusal}), a
 *     {@link BadUserRequestException}, a {@link ParseException}, the application's
 *     {@link InvalidInputException}, a body Jackson cannot read (e.g. a number longer than its
 *     limits), an id that is not a valid resource identifier, a password the policy refuses, a
 *     value the database cannot store (SQL state class 22), a body or field the resource needs
 *     but did not get.</li>
 * </ul>
 * The message of such an answer is the refusal's own. Real server errors stay 500 and are logged
 * with their stack trace; no answer carries one. Every message is cut by {@link Excerpt#message}.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestErrors.class);
    /** Before Camunda's mappers of the same exception types, which have the default (5000). */
    static final int PRIORITY = 1000;
    private static final int MAX_CAUSES = 20;
    private static final int SERVER_ERROR = Response.Status.INTERNAL_SERVER_ERROR.getStatusCode();

    /** Engine refusals that carry no exception type of their own, only a message. */
    private static final Pattern NOT_FOUND = Pattern.compile("^(ENGINE-\\d+ )?No [A-Za-z][A-Za-z -]{0,60}? found (with|for) id\\b");
    private static final Pattern INVALID_ID = Pattern.compile("is not a valid resource identifier"
            + "|must be a non-negative Integer");
    /** How the engine says that an id names no record ({@code NullValueException}). */
    private static final Pattern MISSING_RECORD = Pattern.compile("doesn't exist|does not exist|Cannot find|not found",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD_POLICY = Pattern.compile("^(ENGINE-\\d+ )?Password does not match policy");

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(RestExceptions.class);
        config.register(EngineExceptions.class);
        config.register(OtherThrowables.class);
        config.register(JsonMappingErrors.class);
        config.register(JsonParseErrors.class);
        config.register(BoundedMessages.class);
    }

    /** What the REST API answers for {@code thrown}. */
    static Response toResponse(Throwable thrown) {
        ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
        int status = status(camunda, thrown);
        ExceptionDto body;
        if (status != SERVER_ERROR) {
            LOG.debug("Engine REST request refused ({}): {}", status, thrown.toString());
            body = camunda.fromException(thrown);
        } else {
            Refusal refusal = refusal(thrown);
            if (refusal == null) {
                LOG.warn("Engine REST request failed", thrown);
                body = camunda.fromException(thrown);
            } else {
                status = refusal.status().getStatusCode();
                LOG.debug("Engine REST request refused ({}): {}", status, thrown.toString());
                body = camunda.fromException(refusal.cause() instanceof AuthorizationException
                        ? refusal.cause() : thrown);
                body.setMessage(refusal.cause().getMessage());
            }
        }
        body.setMessage(Excerpt.message(body.getMessage()));
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Camunda's status for {@code thrown}; a JAX-RS exception keeps its own, even one Camunda's list lacks. */
    private static int status(ExceptionHandlerHelper camunda, Throwable thrown) {
        if (thrown instanceof WebApplicationException web && web.getResponse() != null) {
            return web.getResponse().getStatus();
        }
        Response.Status status = camunda.getStatus(thrown);
        return status == null ? SERVER_ERROR : status.getStatusCode();
    }

    /** A client error in what caused a 500, or null for a server error. */
    static Refusal refusal(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = thrown;
        for (Throwable t = thrown; t != null && seen.size() < MAX_CAUSES && seen.add(t); t = t.getCause()) {
            if (t instanceof NullPointerException npe && thrownByTheRestLayer(npe)) {
                // Camunda's resources dereference the body and its fields unchecked: a missing one is
                // the client's error. Its own text names internals, so it is not repeated.
                return new Refusal(Response.Status.BAD_REQUEST, new BadUserRequestException(
                        "The request lacks a required value: a body, or one of its fields"));
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // SQL's data exceptions (a value too long for its column, a number out of range): what was
                // sent does not fit; the driver's text names tables, so it is not repeated.
                return new Refusal(Response.Status.BAD_REQUEST, new BadUserRequestException(
                        "A value of the request is too long or out of range for what the engine stores"));
            }
            Response.Status status = clientStatus(t);
            if (status != null) {
                return new Refusal(status, t);
            }
            root = t;
        }
        // Refusals without a type of their own: judged on the innermost exception's message, and only
        // when it is a plain engine or REST exception (a subtype would have its own meaning).
        boolean plain = root.getClass() == ProcessEngineException.class || root instanceof RestException;
        String message = root.getMessage();
        if (!plain || message == null) {
            return null;
        }
        if (NOT_FOUND.matcher(message).find()) {
            return new Refusal(Response.Status.NOT_FOUND, root);
        }
        if (INVALID_ID.matcher(message).find() || PASSWORD_POLICY.matcher(message).find()) {
            return new Refusal(Response.Status.BAD_REQUEST, root);
        }
        return null;
    }

    private static Response.Status clientStatus(Throwable t) {
        if (t instanceof AuthorizationException) {
            return Response.Status.FORBIDDEN;
        }
        if (t instanceof org.camunda.bpm.engine.exception.NullValueException) {
            // "task is null", "execution nope doesn't exist": a record asked for by an id that names nothing
            return t.getMessage() != null && MISSING_RECORD.matcher(t.getMessage()).find() ? Response.Status.NOT_FOUND
                    : Response.Status.BAD_REQUEST;
        }
        if (t instanceof org.camunda.bpm.engine.exception.NotFoundException
                || t instanceof fr.progerance.ops.web.NotFoundException) {
            return Response.Status.NOT_FOUND;
        }
        if (t instanceof ConflictException || t instanceof org.camunda.bpm.engine.TaskAlreadyClaimedException
                || t instanceof org.camunda.bpm.engine.OptimisticLockingException) {
            // the record is not in the state the request assumed: claimed by someone else, changed meanwhile
            return Response.Status.CONFLICT;
        }
        if (t instanceof org.camunda.bpm.engine.rest.exception.InvalidRequestException invalid
                && invalid.getStatus() == null) {
            return Response.Status.BAD_REQUEST;
        }
        if (t instanceof FormFieldValidationException || t instanceof BadUserRequestException
                || t instanceof ParseException || t instanceof InvalidInputException
                || t instanceof JsonProcessingException) {
            return Response.Status.BAD_REQUEST;
        }
        if (t instanceof RestException rest && rest.getStatus() != null
                && rest.getStatus().getFamily() == Response.Status.Family.CLIENT_ERROR) {
            return rest.getStatus();
        }
        return null;
    }

    /** Whether a null pointer came from Camunda's REST resources or DTOs (the request), not the engine. */
    private static boolean thrownByTheRestLayer(NullPointerException npe) {
        StackTraceElement[] trace = npe.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.");
    }

    /** The status of a refusal and the exception whose message says why. */
    record Refusal(Response.Status status, Throwable cause) {
    }

    /** In place of Camunda's {@code RestExceptionHandler}. */
    @Priority(PRIORITY)
    public static class RestExceptions implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            return EngineRestErrors.toResponse(exception);
        }
    }

    /** In place of Camunda's {@code ProcessEngineExceptionHandler}. */
    @Priority(PRIORITY)
    public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return EngineRestErrors.toResponse(exception);
        }
    }

    /** In place of Camunda's {@code ExceptionHandler} (everything else, e.g. an application exception). */
    @Priority(PRIORITY)
    public static class OtherThrowables implements ExceptionMapper<Throwable> {

        @Override
        public Response toResponse(Throwable exception) {
            return EngineRestErrors.toResponse(exception);
        }
    }

    /**
     * In place of Camunda's and Jersey's mappers of Jackson's errors (Jersey's answers their whole
     * message as text): a 400 in Camunda's JSON shape, with a bounded message.
     */
    @Priority(PRIORITY)
    public static class JsonMappingErrors implements ExceptionMapper<JsonMappingException> {

        @Override
        public Response toResponse(JsonMappingException exception) {
            return EngineRestErrors.toResponse(exception);
        }
    }

    /** As {@link JsonMappingErrors}, for a body that is not JSON at all. */
    @Priority(PRIORITY)
    public static class JsonParseErrors implements ExceptionMapper<JsonParseException> {

        @Override
        public Response toResponse(JsonParseException exception) {
            return EngineRestErrors.toResponse(exception);
        }
    }

    /** Bounds the message of every error answer, including those of Camunda's JSON parse and mapping errors. */
    @Priority(PRIORITY)
    public static class BoundedMessages implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (response.getEntity() instanceof ExceptionDto body) {
                body.setMessage(Excerpt.message(body.getMessage()));
            }
        }
    }
}
