package org.icss.ledger.platform.aggregates;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one background thread that takes snapshots after the commands' commits, so that the command whose event
 * reaches the threshold does not wait for it. A full queue drops a snapshot: the next event past the threshold asks
 * again. Not an {@link Executor} bean itself, which would replace Spring Boot's task executor.
 */
public final class SnapshotThread implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public SnapshotThread(int queueSize) {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(queueSize),
                runnable -> {
                    Thread thread = new Thread(runnable, "ledger-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
