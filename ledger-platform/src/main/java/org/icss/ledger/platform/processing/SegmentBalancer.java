package org.icss.ledger.platform.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Shares the segments of this service's tracking processors among its live replicas. Axon's tracking processor
 * claims every segment it has a thread for, so the first replica to start would otherwise keep all the work. Every
 * {@code every}, each replica stamps its row in {@code processing_node}; a replica that works more than its share
 * (segments / live replicas, rounded up) of a processor releases one segment for three periods, and the thread of
 * another replica that has room claims it. When a replica stops, it deletes its row and Axon releases its claims, so
 * the others take its segments over; if it dies, its claims time out ({@code axon.eventhandling.tokenstore.claim-timeout})
 * and the same happens. Every replica has a thread per segment, so one replica alone works them all.
 */
public class SegmentBalancer extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Duration every;

    public SegmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc, String nodeId, Duration every) {
        super("segment-balancer", Duration.ZERO, every);
        this.processing = processing;
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.every = every;
    }

    @Override
    void afterStop() {
        try {
            jdbc.update("DELETE FROM processing_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("could not remove processing node {}: {}", nodeId, e.getMessage());
        }
    }

    @Override
    void runOnce() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.debug("segment balancing skipped: {}", e.getMessage());
        }
    }

    void balance() {
        long liveMillis = every.toMillis() * 3;
        jdbc.update("INSERT INTO processing_node (node_id, last_seen) VALUES (?, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET last_seen = now()", nodeId);
        jdbc.update("DELETE FROM processing_node WHERE last_seen < now() - make_interval(secs => ?)",
                liveMillis * 10 / 1000.0);
        Integer live = jdbc.queryForObject("SELECT count(*) FROM processing_node "
                + "WHERE last_seen >= now() - make_interval(secs => ?)", Integer.class, liveMillis / 1000.0);
        if (live == null || live < 2) {
            return;
        }
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor) || !processor.isRunning()) {
                continue;
            }
            Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, entry.getKey());
            if (segments == null || segments < 2) {
                continue;
            }
            int share = (segments + live - 1) / live;
            Map<Integer, ?> mine = processor.processingStatus();
            if (mine.size() > share) {
                int release = mine.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
                log.info("{}: {} works {} of {} segments with {} replicas alive; releasing segment {}", nodeId,
                        entry.getKey(), mine.size(), segments, live, release);
                processor.releaseSegment(release, liveMillis, TimeUnit.MILLISECONDS);
            }
        }
    }
}
