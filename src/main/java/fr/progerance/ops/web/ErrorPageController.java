package fr.progerance.ops.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring Boot's error page ({@code /error}), which answers errors raised outside the API's own
 * handlers, with two changes (issue 7): requested directly, with no error to show, it is a 404, not
 * a 500 with status 999; and the path it echoes is cut short ({@link Excerpt}). Stack traces are
 * never included ({@code server.error.include-stacktrace: never}).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ErrorPageController extends BasicErrorController {

    public ErrorPageController(ErrorAttributes errorAttributes, ServerProperties server,
            ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
    }

    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        return isDirect(request) ? HttpStatus.NOT_FOUND : super.getStatus(request);
    }

    @Override
    protected Map<String, Object> getErrorAttributes(HttpServletRequest request, ErrorAttributeOptions options) {
        Map<String, Object> body = super.getErrorAttributes(request, options);
        if (isDirect(request)) {
            body.put("status", HttpStatus.NOT_FOUND.value());
            body.put("error", HttpStatus.NOT_FOUND.getReasonPhrase());
        }
        body.computeIfPresent("path", (key, path) -> path instanceof String text && text.length() > 200
                ? text.substring(0, 200) + Excerpt.ELLIPSIS : path);
        body.computeIfPresent("message", (key, message) -> Excerpt.message(String.valueOf(message)));
        return body;
    }

    /** A request for the error page itself, not an error dispatch: there is no error to show. */
    private static boolean isDirect(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null;
    }
}
