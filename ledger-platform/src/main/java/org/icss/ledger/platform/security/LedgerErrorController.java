package org.icss.ledger.platform.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.icss.ledger.platform.web.LedgerProblemHandler;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The container's error page ({@code /error}) as problem+json: what fails outside a controller (a filter, the
 * container itself) is answered in the same form as everything else, with no exception or class name.
 */
@RestController
public class LedgerErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String type = status.is5xxServerError() ? "internal" : status.name().toLowerCase().replace('_', '-');
        String detail = status.is5xxServerError() ? "The request could not be completed." : status.getReasonPhrase();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(LedgerProblemHandler.problem(status, type, status.getReasonPhrase(), detail, Map.of()));
    }
}
