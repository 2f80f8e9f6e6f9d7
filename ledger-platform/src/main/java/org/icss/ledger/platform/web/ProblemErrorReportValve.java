package org.icss.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tomcat's own error report as problem+json, for what Tomcat refuses before any servlet, filter or error page runs
 * (a request header over {@code server.max-http-request-header-size}, a bad {@code %} escape in the path, a request
 * line it cannot parse): the Host's error report valve, installed by {@code LedgerInputAutoConfiguration} in place
 * of Tomcat's HTML page. The answer names no server, exception or class.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        String type = known == null ? "http-" + status
                : known.is5xxServerError() ? "internal" : known.name().toLowerCase().replace('_', '-');
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", known != null && known.is5xxServerError() ? "The request could not be completed."
                : "The server refused the request before reading it: " + title + ".");
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more can be said
        }
    }
}
