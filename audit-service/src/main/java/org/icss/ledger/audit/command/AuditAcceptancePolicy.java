package org.icss.ledger.audit.command;

import org.icss.ledger.events.Standard;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which audits are accepted against which standard version on which date (DOMAIN.md rule 1), as a pure function of
 * the standards catalogue, the audit date and one fact about the organisation.
 * <ul>
 *     <li>A version accepts audits on the dates of its catalogue window ({@link Standard#acceptsAuditOn}):
 *     ICSS:2015-2020 on 2015-01-01..2020-12-31, ICSS:2020-2025 from 2020-01-01.</li>
 *     <li>Once its successor version is accepted (the first later version's {@code acceptedFrom}, 2020-01-01 for
 *     ICSS:2015-2020), a version is accepted only from organisations that hold an ACTIVE or SUSPENDED certificate
 *     of that version on the audit date: certified organisations may elect to stay on it for the rest of its
 *     window, organisations new to ICSS certify to the successor. The cut-over comes from the catalogue, not from
 *     a year written here, so a version added later (the Standard is "updated again in 2025") brings its own.</li>
 * </ul>
 * The rule applies to every audit type (CERTIFICATION, RECERTIFICATION, ANNUAL). Rejections name the field:
 * {@code auditedOn} outside the window, {@code standardVersion} in the overlap without a certificate.
 */
public final class AuditAcceptancePolicy {

    private AuditAcceptancePolicy() {
    }

    /**
     * @param standard           the version the audit is scored against
     * @param catalogue          every version the ledger knows (to find the successor of {@code standard})
     * @param auditedOn          the audit's business date
     * @param certifiedOnVersion whether the organisation holds an ACTIVE or SUSPENDED certificate of
     *                           {@code standard}'s version on {@code auditedOn}; asked only when the answer matters
     * @return one problem per offending field; empty when the audit is accepted
     */
    public static Map<String, String> problems(Standard standard, Collection<Standard> catalogue,
                                               LocalDate auditedOn, BooleanSupplier certifiedOnVersion) {
        Map<String, String> problems = windowProblems(standard, auditedOn);
        if (!problems.isEmpty()) {
            return problems;
        }
        Optional<Standard> successor = successor(standard, catalogue);
        if (successor.isPresent() && !auditedOn.isBefore(successor.get().acceptedFrom())
                && !certifiedOnVersion.getAsBoolean()) {
            problems.put("standardVersion", standard.version() + " is accepted " + overlap(standard,
                    successor.get().acceptedFrom()) + " only for organisations already certified on it; "
                    + "organisations new to ICSS certify to " + successor.get().version());
        }
        return problems;
    }

    /**
     * The part of the rule that needs nothing of the organisation: the version's catalogue window. The web layer
     * checks it with the request's other fields; the organisation then checks the whole rule with {@link #problems}.
     */
    public static Map<String, String> windowProblems(Standard standard, LocalDate auditedOn) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!standard.acceptsAuditOn(auditedOn)) {
            problems.put("auditedOn", standard.version() + " accepts audits from " + standard.acceptedFrom()
                    + standard.acceptedUntil().map(until -> " to " + until).orElse(""));
        }
        return problems;
    }

    /**
     * The version that follows {@code standard}: the one whose audits are first accepted after {@code standard}'s
     * are, earliest first (catalogue order on a tie). Empty while none does.
     */
    public static Optional<Standard> successor(Standard standard, Collection<Standard> catalogue) {
        return catalogue.stream()
                .filter(other -> other.acceptedFrom().isAfter(standard.acceptedFrom()))
                .min(Comparator.comparing(Standard::acceptedFrom));
    }

    /** "in 2020" when the overlap is one calendar year, else "from ... to ..." or "from ...". */
    private static String overlap(Standard standard, LocalDate successorFrom) {
        Optional<LocalDate> until = standard.acceptedUntil();
        if (until.isPresent() && successorFrom.getDayOfYear() == 1 && until.get().getYear() == successorFrom.getYear()
                && until.get().equals(LocalDate.of(successorFrom.getYear(), 12, 31))) {
            return "in " + successorFrom.getYear();
        }
        return "from " + successorFrom + until.map(last -> " to " + last).orElse("");
    }
}
