package org.icss.ledger.registry.query.reports;

import java.util.Map;

/** One organisation in a benchmark: where it is and the scores of its latest audit on the version compared. */
public record Participant(String organisationId, String country, String memberBody, Map<String, Integer> scores) {

    public Participant {
        scores = Map.copyOf(scores);
    }
}
