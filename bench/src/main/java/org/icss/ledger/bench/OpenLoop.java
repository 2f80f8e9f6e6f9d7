package org.icss.ledger.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * requests before it, and its latency is measured from that intended time, not from when it was actually sent
 * (no coordinated omission: a stalled server shows as latency, not as fewer requests). At most
 * {@code maxInFlight} requests are outstanding; beyond that, sending waits, and the wait counts as latency.
 */
public final class OpenLoop {

    /** What a run did: requests due, answered with 2xx, failed (other status or error), latency histogram. */
    public record Outcome(long due, long ok, long failed, double seconds, Histogram latency, String firstError) {

        public double achievedRate() {
            return ok / Math.max(seconds, 0.001);
        }

        public double p50Millis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(50) / 1000.0;
        }

        public double p99Millis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0;
        }

        public double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }
    }

    /** Called on every answer, with its intended send time (System.nanoTime) and the response. */
    public interface Listener {
        void answered(long index, long intendedNanos, HttpResponse<String> response);
    }

    private final HttpClient http;
    private final int maxInFlight;
    private volatile boolean stopped;

    /** Sends no further requests (the run returns once the outstanding ones are answered). */
    public void stop() {
        stopped = true;
    }

    public OpenLoop(HttpClient http, int maxInFlight) {
        this.http = http;
        this.maxInFlight = maxInFlight;
    }

    /** Sends {@code requests.apply(i)} at {@code rate} per second for {@code duration}; waits for the answers. */
    public Outcome run(int rate, Duration duration, LongFunction<HttpRequest> requests, Listener listener) {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = Math.max(1, duration.toNanos() / periodNanos);
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        // a server that cannot keep up does not stretch the run: what is not sent by then counts as failed
        long sendDeadline = start + duration.toNanos() + TimeUnit.SECONDS.toNanos(5);
        long sentCount = 0;
        stopped = false;
        for (long i = 0; i < total && !stopped; i++) {
            long intended = start + i * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            try {
                if (!inFlight.tryAcquire(Math.max(0, sendDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = "not sent: " + maxInFlight + " requests outstanding until the end";
                        }
                    }
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sentCount++;
            long index = i;
            CompletableFuture<HttpResponse<String>> sent;
            try {
                sent = http.sendAsync(requests.apply(i), HttpResponse.BodyHandlers.ofString());
            } catch (RuntimeException e) {
                inFlight.release();
                failed.incrementAndGet();
                synchronized (firstError) {
                    if (firstError[0] == null) {
                        firstError[0] = e.toString();
                    }
                }
                continue;
            }
            sent.whenComplete((response, error) -> {
                try {
                    long micros = Math.max(1, (System.nanoTime() - intended) / 1000);
                    recorder.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                    if (error == null && response.statusCode() / 100 == 2) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = error != null ? error.toString()
                                        : response.statusCode() + " " + abbreviate(response.body());
                            }
                        }
                    }
                    if (error == null && listener != null) {
                        listener.answered(index, intended, response);
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        if (!stopped) {
            failed.addAndGet(total - sentCount); // due, never sent
        }
        // wait for the last answers (at most 10 s)
        try {
            if (!inFlight.tryAcquire(maxInFlight, 10, TimeUnit.SECONDS)) {
                failed.addAndGet(maxInFlight - inFlight.availablePermits());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stopped) {
            total = ok.get() + failed.get();
        }
        return new Outcome(total, ok.get(), failed.get(), seconds, recorder.getIntervalHistogram(), firstError[0]);
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
