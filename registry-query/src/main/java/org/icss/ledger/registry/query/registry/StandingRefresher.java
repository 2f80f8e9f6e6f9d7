package org.icss.ledger.registry.query.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A thread that computes pending standings ({@link Standings#refreshPending}) of the generation that answers,
 * batch after batch until none is left, makes the day's history checkpoint when it is missing
 * ({@link Checkpoints#ensureToday}), then waits {@code interval}. A failure is logged and tried again at the
 * next round; readers meanwhile work answers out from the histories.
 */
public class StandingRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandingRefresher.class);

    private final Standings standings;
    private final Generations generations;
    private final Checkpoints checkpoints;
    private final int batch;
    private static final int MAX_BATCHES_PER_ROUND = 40;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "registry-standings");
        thread.setDaemon(true);
        return thread;
    });

    public StandingRefresher(Standings standings, Generations generations, Checkpoints checkpoints,
                             Duration interval, int batch) {
        this.standings = standings;
        this.generations = generations;
        this.checkpoints = checkpoints;
        this.batch = batch;
        executor.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            // the current generation only: one being built by a replay is computed by the replay once all its
            // events are in (Standings.refreshAll), so an organisation is not computed again after each of them
            String schema = generations.currentSchema();
            // a bounded round, so that a steady stream of events cannot keep this thread (and the locks of its
            // batches) busy without a pause; what is left waits for the next round
            for (int batches = 0; batches < MAX_BATCHES_PER_ROUND
                    && standings.refreshPending(schema, batch) > 0; batches++) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            // the day's checkpoint of the history, once what was pending is in
            checkpoints.ensureToday(generations.currentSchema());
        } catch (RuntimeException e) {
            log.warn("computing standings failed; trying again in the next round", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
