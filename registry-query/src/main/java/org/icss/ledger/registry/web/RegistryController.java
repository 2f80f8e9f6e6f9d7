package org.icss.ledger.registry.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.RegistryReader;
import org.icss.ledger.registry.query.registry.RegistryReader.CertificateView;
import org.icss.ledger.registry.query.registry.RegistryReader.OrganisationSummary;
import org.icss.ledger.registry.query.registry.RegistryReader.Standing;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Public lookups: no key needed. */
@RestController
@Validated
@RequestMapping("/api/v1/registry")
public class RegistryController {

    private final RegistryReader reader;
    private final Clock clock;

    public RegistryController(RegistryReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public record Page<T>(int page, int size, List<T> items) {
    }

    /**
     * A certificate checked today: VALID while ACTIVE; otherwise its status (SUSPENDED, WITHDRAWN, EXPIRED,
     * SUPERSEDED by a newer certificate).
     */
    public record Verification(String certificateNumber, String verdict, LocalDate checkedOn,
                               CertificateView certificate, String organisationName) {
    }

    @GetMapping("/organisations")
    public Page<OrganisationSummary> search(@RequestParam(required = false) String q,
                                            @RequestParam(required = false) String country,
                                            @RequestParam(required = false) String memberBody,
                                            @RequestParam(defaultValue = "0") @Min(0) int page,
                                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new Page<>(page, size, reader.search(q, country, memberBody, page, size));
    }

    @GetMapping("/organisations/{organisationId}")
    public Standing organisation(@PathVariable String organisationId,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate asOf) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        return reader.standing(organisationId, date)
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId));
    }

    @GetMapping("/certificates/{number}")
    public Verification verify(@PathVariable String number) {
        LocalDate today = LocalDate.now(clock);
        CertificateView certificate = reader.certificate(number)
                .orElseThrow(() -> Rejected.notFound("Certificate", number));
        String name = reader.organisation(certificate.organisationId()).map(OrganisationSummary::name).orElse(null);
        String verdict = reader.statusOn(certificate, today)
                .map(status -> status == CertificateStatus.ACTIVE ? "VALID" : status.name()).orElse("NOT_YET_VALID");
        return new Verification(number, verdict, today, certificate, name);
    }
}
