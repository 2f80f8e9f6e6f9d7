package org.icss.ledger.registry.web;

import org.icss.ledger.platform.positions.Position;
import org.icss.ledger.registry.query.registry.Freshness;
import org.icss.ledger.registry.query.registry.Freshness.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The freshness requests that wait for their position ({@code wait}): none holds a servlet thread. Each is a
 * {@link DeferredResult} in a queue; one thread looks at all of them together every {@link #ROUND} (one
 * {@link Freshness#of(java.util.Collection)} for all their positions, and nothing at all while none waits) and
 * answers each once its position is caught up, or with what is known when its wait is over.
 */
@Component
public class FreshnessWaits implements DisposableBean {

    static final Duration ROUND = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(FreshnessWaits.class);

    private final Freshness freshness;
    private final Queue<Waiter> waiting = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "registry-freshness");
        thread.setDaemon(true);
        return thread;
    });

    private record Waiter(Position position, long deadline, Consumer<Answer> answer, DeferredResult<?> result) {
    }

    public FreshnessWaits(Freshness freshness) {
        this.freshness = freshness;
        executor.scheduleWithFixedDelay(this::round, ROUND.toMillis(), ROUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers {@code result} (through {@code answer}) once {@code position} is caught up, or after {@code wait}. */
    public void await(Position position, Duration wait, DeferredResult<?> result, Consumer<Answer> answer) {
        waiting.add(new Waiter(position, System.nanoTime() + wait.toNanos(), answer, result));
    }

    private void round() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            List<Waiter> now = List.copyOf(waiting);
            Map<Position, Answer> answers = freshness.of(now.stream().map(Waiter::position).distinct().toList());
            long time = System.nanoTime();
            for (Waiter waiter : now) {
                Answer known = answers.get(waiter.position());
                if (waiter.result().isSetOrExpired()) {
                    waiting.remove(waiter);
                } else if (known.caughtUp() || time - waiter.deadline() >= 0) {
                    waiting.remove(waiter);
                    waiter.answer().accept(known);
                }
            }
        } catch (RuntimeException e) {
            // the requests wait on; each ends at its deferred result's own time-out at the latest
            log.warn("checking the positions of waiting freshness requests failed; trying again", e);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
