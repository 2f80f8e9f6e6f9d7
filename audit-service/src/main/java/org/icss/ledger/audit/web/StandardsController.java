package org.icss.ledger.audit.web;

import org.icss.ledger.events.Perspective;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.Rejected;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The standards catalogue audits are scored against: each version, the audit dates it accepts, and its attributes by
 * perspective with their codes and names. Public.
 */
@RestController
@RequestMapping("/api/v1/standards")
public class StandardsController {

    private final StandardsCatalogue catalogue;

    public StandardsController(StandardsCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public record AttributeView(String code, String name) {
    }

    public record PerspectiveView(Perspective perspective, String title, List<AttributeView> attributes) {
    }

    /**
     * A version, named {@code standardVersion} as every request and answer names it; {@code acceptedUntil} null while
     * no later version closes it.
     */
    public record StandardView(String standardVersion, LocalDate acceptedFrom, LocalDate acceptedUntil, int attributeCount,
                               List<PerspectiveView> perspectives) {
    }

    @GetMapping
    public List<StandardView> standards() {
        return catalogue.all().stream().sorted(Comparator.comparing(Standard::acceptedFrom))
                .map(StandardsController::view).toList();
    }

    @GetMapping("/{version}")
    public StandardView standard(@PathVariable String version) {
        return catalogue.find(version).map(StandardsController::view)
                .orElseThrow(() -> Rejected.notFound("Standard version", version));
    }

    private static StandardView view(Standard standard) {
        List<PerspectiveView> perspectives = java.util.Arrays.stream(Perspective.values())
                .map(p -> new PerspectiveView(p, p.title(), standard.attributes().stream()
                        .filter(a -> a.perspective() == p).map(a -> new AttributeView(a.code().code(), a.name()))
                        .toList()))
                .filter(p -> !p.attributes().isEmpty()).toList();
        return new StandardView(standard.version().code(), standard.acceptedFrom(),
                standard.acceptedUntil().orElse(null), standard.attributes().size(), perspectives);
    }
}
