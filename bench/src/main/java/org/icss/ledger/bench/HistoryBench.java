package org.icss.ledger.bench;

import org.icss.ledger.bench.Ledger.Org;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * (8) The 1st against the 100th audit of one organisation: does a command's cost grow with the organisation's
 * history? Through audit-service's REST API with the other services running: {@code historyOrganisations}
 * organisations get 99 audits each (a week apart, four organisations at a time, not measured); then, one pair at a
 * time, the 1st audit of a newly registered organisation and the 100th audit of one of those, so that both are
 * measured side by side under the same load. Latency of each POST until its 201, one request in flight.
 */
final class HistoryBench {

    static final int HISTORY = 100;
    private static final LocalDate FIRST_WEEK = LocalDate.of(2020, 1, 6);
    private static final int BUILDERS = 4;

    /**
     * @param first     milliseconds of each organisation's 1st audit
     * @param hundredth milliseconds of each organisation's 100th audit
     */
    record Result(int organisations, List<Double> first, List<Double> hundredth, double buildSeconds) {

        double firstP50() {
            return percentile(first, 50);
        }

        double hundredthP50() {
            return percentile(hundredth, 50);
        }

        double firstP90() {
            return percentile(first, 90);
        }

        double hundredthP90() {
            return percentile(hundredth, 90);
        }

        /** The 100th audit's median latency as a multiple of the 1st's (target: 1.2 or less). */
        double ratio() {
            return hundredthP50() / firstP50();
        }

        static double percentile(List<Double> values, int percentile) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private final Ledger ledger;

    HistoryBench(Ledger ledger) {
        this.ledger = ledger;
    }

    Result run(int organisations, long deadlineNanos) throws Exception {
        List<Org> long_ = ledger.register("Bench history", organisations, BUILDERS, deadlineNanos);
        List<Org> fresh = ledger.register("Bench first audit", organisations, BUILDERS, deadlineNanos);
        int pairs = Math.min(long_.size(), fresh.size());
        if (pairs == 0) {
            throw new IllegalStateException("no organisation registered for the history phase");
        }
        long b0 = System.nanoTime();
        ExecutorService builders = Executors.newFixedThreadPool(BUILDERS);
        try {
            List<Future<?>> built = new ArrayList<>();
            for (Org org : long_.subList(0, pairs)) {
                built.add(builders.submit(() -> {
                    for (int n = 1; n < HISTORY; n++) {
                        ledger.sendJson(audit(org, n));
                    }
                    return null;
                }));
            }
            for (Future<?> future : built) {
                future.get();
            }
        } finally {
            builders.shutdownNow();
        }
        double buildSeconds = (System.nanoTime() - b0) / 1e9;

        List<Double> first = new ArrayList<>();
        List<Double> hundredth = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            first.add(timed(audit(fresh.get(i), 1)));
            hundredth.add(timed(audit(long_.get(i), HISTORY)));
        }
        return new Result(pairs, first, hundredth, buildSeconds);
    }

    private java.net.http.HttpRequest audit(Org org, int n) {
        return ledger.audit(org, "history-" + n, FIRST_WEEK.plusWeeks(n), 7);
    }

    private double timed(java.net.http.HttpRequest request) {
        long t0 = System.nanoTime();
        ledger.sendJson(request);
        return (System.nanoTime() - t0) / 1e6;
    }
}
