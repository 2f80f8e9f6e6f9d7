package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The benchmark's baseline for lookups (deploy/bench.sh): a public registry path that goes through the same filters
 * as every lookup (rate limit, security, JSON) and does no work. Only with {@code icss.bench.enabled=true}, which
 * only the benchmark sets; production does not carry it.
 */
@RestController
@Hidden
@ConditionalOnProperty(prefix = "icss.bench", name = "enabled", havingValue = "true")
public class BenchController {

    private static final Map<String, String> BARE = Map.of("status", "ok");

    @GetMapping("/api/v1/registry/bench/bare")
    public Map<String, String> bare() {
        return BARE;
    }
}
