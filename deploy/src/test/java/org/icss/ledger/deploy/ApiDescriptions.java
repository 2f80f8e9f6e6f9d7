package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every operation of a service's OpenAPI description must say about its refusals: each 4xx it can answer as a
 * response of that status with an {@code application/problem+json} body and the problem types it carries
 * ({@code x-problem-types}, each one of the catalogue's, the {@code Problem} schema's {@code type} enum).
 */
final class ApiDescriptions {

    private ApiDescriptions() {
    }

    /** The problem types of each operation ({@code "POST /api/v1/awards"} to status to types). */
    static Map<String, Map<String, Set<String>>> problems(JsonNode document) {
        Map<String, Map<String, Set<String>>> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            Map<String, Set<String>> byStatus = new TreeMap<>();
            op.getValue().path("responses").fields().forEachRemaining(response -> {
                Set<String> types = new HashSet<>();
                response.getValue().path("x-problem-types").forEach(type -> types.add(type.asText()));
                byStatus.put(response.getKey(), types);
            });
            operations.put(op.getKey().toUpperCase() + " " + path.getKey(), byStatus);
        }));
        return operations;
    }

    /**
     * The shortcomings of the description: an operation without the refusals of its shape, a 4xx without its problem
     * types or its problem+json body, a problem type not in the catalogue. Empty when all is documented.
     */
    static List<String> shortcomings(JsonNode document) {
        List<String> found = new ArrayList<>();
        Set<String> catalogue = new HashSet<>();
        document.path("components").path("schemas").path("Problem").path("properties").path("type").path("enum")
                .forEach(type -> catalogue.add(type.asText()));
        if (catalogue.isEmpty()) {
            found.add("no Problem schema with the catalogue of problem types");
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().path("responses");
            requireType(found, name, responses, "400", "/problems/bad-request");
            if (op.getValue().has("requestBody")) {
                requireType(found, name, responses, "400", "/problems/malformed");
                requireType(found, name, responses, "415", "/problems/unsupported-media-type");
                requireType(found, name, responses, "422", "/problems/validation");
            }
            if (path.getKey().contains("{")) {
                requireType(found, name, responses, "404", "/problems/not-found");
            }
            if (op.getValue().has("security")) {
                requireType(found, name, responses, "401", "/problems/unauthenticated");
                requireType(found, name, responses, "403", "/problems/forbidden");
            }
            responses.fields().forEachRemaining(response -> {
                if (!response.getKey().startsWith("4")) {
                    return;
                }
                JsonNode types = response.getValue().path("x-problem-types");
                if (types.isEmpty()) {
                    found.add(name + " " + response.getKey() + ": no problem types");
                }
                types.forEach(type -> {
                    if (!catalogue.contains(type.asText())) {
                        found.add(name + " " + response.getKey() + ": " + type.asText() + " is not in the catalogue");
                    }
                });
                if (!response.getValue().path("content").has("application/problem+json")) {
                    found.add(name + " " + response.getKey() + ": no application/problem+json body");
                }
            });
        }));
        return found;
    }

    private static void requireType(List<String> found, String operation, JsonNode responses, String status,
                                    String type) {
        for (JsonNode documented : responses.path(status).path("x-problem-types")) {
            if (documented.asText().equals(type)) {
                return;
            }
        }
        found.add(operation + " does not document " + status + " " + type);
    }
}
