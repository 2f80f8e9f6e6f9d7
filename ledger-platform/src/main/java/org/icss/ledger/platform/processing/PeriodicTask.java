package org.icss.ledger.platform.processing;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run every {@code period} on a daemon thread of its own, from after Axon's processors have started until just
 * before they stop. {@link #runOnce} must catch its own failures: one that escapes ends the schedule.
 */
abstract class PeriodicTask implements SmartLifecycle {

    private final String threadName;
    private final Duration initialDelay;
    private final Duration period;
    private ScheduledExecutorService timer;

    PeriodicTask(String threadName, Duration initialDelay, Duration period) {
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.period = period;
    }

    /** One round of the task. */
    abstract void runOnce();

    /** After the schedule has ended, on the thread that stops this. */
    void afterStop() {
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), Math.max(1, period.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            afterStop();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** After Axon's processors have started, and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
