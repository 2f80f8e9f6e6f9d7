package org.icss.ledger.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A version of the standard: its attributes and the dates on which audits against it are accepted.
 *
 * @param acceptedUntil the last audit date accepted, empty while no successor version closes it
 */
public record Standard(StandardVersion version, LocalDate acceptedFrom, Optional<LocalDate> acceptedUntil,
                       List<Attribute> attributes) {

    public static final int MIN_SCORE = 0;
    public static final int MAX_SCORE = 10;

    public Standard {
        attributes = List.copyOf(attributes);
    }

    public Set<AttributeCode> attributeCodes() {
        Set<AttributeCode> codes = new LinkedHashSet<>();
        attributes.forEach(a -> codes.add(a.code()));
        return codes;
    }

    public boolean acceptsAuditOn(LocalDate date) {
        return !date.isBefore(acceptedFrom) && acceptedUntil.map(last -> !date.isAfter(last)).orElse(true);
    }

    /**
     * Checks a set of scores against this version: exactly its attribute codes, each an integer in 0..10.
     *
     * @return one problem per offending attribute, keyed by attribute code; empty when the scores are complete and valid
     */
    public Map<String, String> problemsWith(Map<String, Integer> scores) {
        Map<String, String> problems = new java.util.TreeMap<>();
        Set<String> expected = new TreeSet<>();
        attributes.forEach(a -> expected.add(a.code().code()));
        for (String code : expected) {
            if (!scores.containsKey(code)) {
                problems.put(code, "missing: " + version + " requires a score for every one of its "
                        + attributes.size() + " attributes");
            }
        }
        List<String> given = new ArrayList<>(scores.keySet());
        for (String code : given) {
            scoreProblem(expected, code, scores.get(code)).ifPresent(problem -> problems.put(code, problem));
        }
        return problems;
    }

    /**
     * Checks management's expected scores against this version: any subset of its attribute codes (a self-assessment
     * may leave attributes out), each an integer in 0..10.
     *
     * @return one problem per offending attribute, keyed by attribute code; empty when valid
     */
    public Map<String, String> problemsWithExpected(Map<String, Integer> expectedScores) {
        Map<String, String> problems = new java.util.TreeMap<>();
        Set<String> known = new TreeSet<>();
        attributes.forEach(a -> known.add(a.code().code()));
        for (Map.Entry<String, Integer> entry : expectedScores.entrySet()) {
            scoreProblem(known, entry.getKey(), entry.getValue())
                    .ifPresent(problem -> problems.put(entry.getKey(), problem));
        }
        return problems;
    }

    /** What is wrong with one attribute's score: an attribute not in {@code known}, no score, or out of range. */
    private Optional<String> scoreProblem(Set<String> known, String code, Integer score) {
        if (!known.contains(code)) {
            return Optional.of("unknown attribute: not part of " + version);
        } else if (score == null) {
            return Optional.of("missing score");
        } else if (score < MIN_SCORE || score > MAX_SCORE) {
            return Optional.of("score " + score + " is outside " + MIN_SCORE + ".." + MAX_SCORE);
        }
        return Optional.empty();
    }
}
