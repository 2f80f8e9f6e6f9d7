package org.icss.ledger.audit.web.imports;

import org.icss.ledger.platform.apidocs.Refusals;
import org.icss.ledger.platform.ProblemType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.icss.ledger.audit.web.imports.ImportLine.Kind;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.security.ApiCaller;
import org.icss.ledger.platform.web.IdempotencyFilter;
import org.icss.ledger.platform.web.IdempotentReplay;
import org.icss.ledger.platform.web.LedgerProblemHandler;
import org.icss.ledger.platform.web.LedgerProblemHandler.ItemProblem;
import org.icss.ledger.platform.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk import: a member body posts one NDJSON stream of its reports (registrations, audits, health checks,
 * corrections, withdrawals), thousands of lines per request, and gets one NDJSON result per line back while the
 * import runs. Each line is read, validated and recorded as the same report posted alone ({@link ImportLines}); lines
 * are recorded {@code icss.imports.batch-size} to a transaction, each in a savepoint of its own, so a refused line
 * records nothing and never stops the others. A line's result row is written with its commands: posted again under the
 * same Idempotency-Key, an import answers the lines already recorded from their rows ({@code "replayed":true}) and
 * records only the rest, so a posting cut off by a crash resumes. {@code GET /api/v1/imports/{id}} shows the
 * progress; counters {@code icss.imports.lines{outcome}}.
 */
@RestController
@RequestMapping("/api/v1/imports")
@EnableConfigurationProperties(ImportProperties.class)
public class ImportController {

    public static final String NDJSON = "application/x-ndjson";
    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final ImportLines lines;
    private final ImportStore store;
    private final LedgerProblemHandler problems;
    private final ImportProperties properties;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final ConnectionProvider connections;
    private final Map<String, Counter> counters = new HashMap<>();

    public ImportController(ImportLines lines, ImportStore store, LedgerProblemHandler problems,
                            ImportProperties properties, PlatformTransactionManager transactionManager,
                            ConnectionProvider connections, MeterRegistry meters) {
        this.connections = connections;
        this.lines = lines;
        this.store = store;
        this.problems = problems;
        this.properties = properties;
        this.batch = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        for (String outcome : List.of("accepted", "refused", "replayed")) {
            counters.put(outcome, Counter.builder("icss.imports.lines").tag("outcome", outcome)
                    .description("lines of bulk imports: recorded, refused, answered from an earlier posting")
                    .register(meters));
        }
    }

    // the body is read as a stream, line by line: each line's own problem is in the 200 answer's lines
    @Refusals({ProblemType.MALFORMED, ProblemType.PAYLOAD_TOO_LARGE, ProblemType.UNSUPPORTED_MEDIA_TYPE,
            ProblemType.IMPORT_IN_PROGRESS})
    @PostMapping(consumes = NDJSON)
    public void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiCaller caller = ApiCaller.current().filter(c -> c.memberBody() != null)
                .orElseThrow(() -> Rejected.forbidden("Only a member body's key imports reports."));
        String key = request.getHeader(IdempotencyFilter.HEADER);
        if (key != null && !IdempotencyFilter.isValidKey(key)) {
            ProblemResponses.write(response, ProblemType.INVALID_IDEMPOTENCY_KEY,
                    "An Idempotency-Key is 1 to 200 visible ASCII characters.");
            return;
        }
        long maxStream = properties.maxStreamSize().toBytes();
        if (request.getContentLengthLong() > maxStream) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            ProblemResponses.write(response, ProblemType.PAYLOAD_TOO_LARGE,
                    "An import stream must not be larger than " + maxStream
                            + " bytes; nothing was recorded. Split it into several imports.");
            return;
        }
        String importId = key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((caller.client() + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
        if (!store.claim(importId, caller.client(), key, properties.inProgressTimeout(), properties.retention())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(response, ProblemType.IMPORT_IN_PROGRESS,
                    "This import (Idempotency-Key) is being posted by another request; its progress is at "
                            + "/api/v1/imports/" + importId + ". Post it again when that request has ended.");
            return;
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.LOCATION, "/api/v1/imports/" + importId);
        response.setHeader("Import-Id", importId);
        response.flushBuffer();
        new Posting(importId, caller, new ServletWebRequest(request), lines.mapper())
                .run(new LineReader(request.getInputStream(), (int) properties.maxLineSize().toBytes(), maxStream),
                        response.getOutputStream());
    }

    /**
     * An import's progress: its member body's key (or COMPLIANCE, ADMIN); another's is 404. A posting that has made no
     * progress for {@code icss.imports.in-progress-timeout} (its replica died, its client went away unnoticed) is
     * shown {@code INTERRUPTED}: post the import again under its key to resume it.
     */
    @GetMapping("/{importId}")
    public ImportStore.Progress progress(@PathVariable String importId) {
        ApiCaller caller = ApiCaller.current().orElseThrow(() -> Rejected.forbidden("A key is needed."));
        return store.progress(importId, caller.memberBody() == null ? null : caller.client(),
                properties.inProgressTimeout()).orElseThrow(() -> Rejected.notFound("Import", importId));
    }

    /** One posting of an import: reads, records in batches and answers line by line. */
    private final class Posting {

        private final String importId;
        private final ApiCaller caller;
        private final ServletWebRequest request;
        private final ObjectMapper json;
        /** the import's references, as committed */
        private final Map<String, String> refs;
        private long read;
        private long accepted;
        private long refused;
        private long replayed;

        Posting(String importId, ApiCaller caller, ServletWebRequest request, ObjectMapper json) {
            this.importId = importId;
            this.caller = caller;
            this.request = request;
            this.json = json;
            this.refs = new HashMap<>(store.references(importId));
        }

        void run(LineReader reader, OutputStream out) {
            try {
                answer(reader, out);
            } catch (IOException e) {
                // the client went away (or stopped sending): what was committed stays; post again to resume
                log.info("import {} stopped: {}", importId, e.toString());
            }
        }

        private void answer(LineReader reader, OutputStream out) throws IOException {
            String state = "STOPPED";
            ObjectNode stop = null;
            try {
                List<LineReader.Line> pending = new ArrayList<>();
                LineReader.Line line;
                while ((line = reader.next()) != null) {
                    if (!line.blank()) {
                        pending.add(line);
                    }
                    if (pending.size() >= properties.batchSize()) {
                        write(out, process(pending));
                        pending.clear();
                    }
                }
                if (!pending.isEmpty()) {
                    write(out, process(pending));
                }
                if (reader.overflowed()) {
                    stop = problem(ProblemType.PAYLOAD_TOO_LARGE,
                            "An import stream must not be larger than " + properties.maxStreamSize().toBytes()
                                    + " bytes; lines after line " + reader.lastNumber() + " were not read. Post "
                                    + "them in another import.");
                } else {
                    state = "COMPLETED";
                }
            } finally {
                store.finish(importId, state);
            }
            ObjectNode summary = json.createObjectNode();
            ObjectNode counts = summary.putObject("summary");
            counts.put("importId", importId).put("state", state).put("linesRead", read).put("accepted", accepted)
                    .put("refused", refused).put("replayed", replayed);
            if (stop != null) {
                summary.set("problem", stop);
            }
            write(out, List.of(summary));
        }

        /** One batch: the lines recorded in one transaction (one by one if the batch cannot be committed). */
        private List<ObjectNode> process(List<LineReader.Line> batchLines) {
            Map<Integer, ImportStore.StoredLine> stored = store.lines(importId, batchLines.get(0).number(),
                    batchLines.get(batchLines.size() - 1).number());
            ObjectNode[] results = new ObjectNode[batchLines.size()];
            List<Integer> toRecord = new ArrayList<>();
            for (int i = 0; i < batchLines.size(); i++) {
                LineReader.Line line = batchLines.get(i);
                ImportStore.StoredLine earlier = stored.get(line.number());
                if (line.tooLong()) {
                    results[i] = refusal(line, null, new ItemProblem(413, LedgerProblemHandler.problem(
                            HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Line too large", "A line must not "
                                    + "be larger than " + properties.maxLineSize().toBytes() + " bytes; it was not "
                                    + "recorded.", Map.of()), false));
                } else if (earlier == null) {
                    toRecord.add(i);
                } else if (earlier.sha256().equals(sha256(line.bytes()))) {
                    results[i] = replay(earlier);
                } else {
                    results[i] = refusal(line, null, new ItemProblem(409, LedgerProblemHandler.problem(
                            HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency-Key reused", "Line "
                                    + line.number() + " differs from the line posted under this Idempotency-Key "
                                    + "before; it was not recorded. Post changed lines in a new import.", Map.of()),
                            false));
                }
            }
            if (!toRecord.isEmpty()) {
                Map<String, String> added = new HashMap<>();
                try {
                    batch.executeWithoutResult(status -> inOneUnitOfWork(() -> {
                        for (int i : toRecord) {
                            results[i] = decide(batchLines.get(i), added);
                        }
                        return null;
                    }));
                    refs.putAll(added);
                } catch (RuntimeException batchFailed) {
                    // not committed (another replica wrote one of its organisations, the database went away):
                    // each line again in a transaction of its own, so each gets its own answer
                    for (int i : toRecord) {
                        added.clear();
                        LineReader.Line line = batchLines.get(i);
                        try {
                            results[i] = batch.execute(status -> inOneUnitOfWork(() -> decide(line, added)));
                            refs.putAll(added);
                        } catch (RuntimeException failed) {
                            results[i] = refusal(line, null, problems.itemProblem(failed, request));
                        }
                    }
                }
            }
            long batchAccepted = 0;
            long batchRefused = 0;
            long batchReplayed = 0;
            for (ObjectNode result : results) {
                if (result.path("replayed").asBoolean()) {
                    batchReplayed++;
                } else if (result.path("status").asInt() < 300) {
                    batchAccepted++;
                } else {
                    batchRefused++;
                }
            }
            read += batchLines.size();
            accepted += batchAccepted;
            refused += batchRefused;
            replayed += batchReplayed;
            counters.get("accepted").increment(batchAccepted);
            counters.get("refused").increment(batchRefused);
            counters.get("replayed").increment(batchReplayed);
            store.progress(importId, batchLines.size(), batchAccepted, batchRefused, batchReplayed);
            return List.of(results);
        }

        /**
         * Records one line in a savepoint of the batch's transaction, with its result row; a refusal rolls the
         * savepoint back and is stored only if it is settled (as an Idempotency-Key keeps a single answer).
         */
        private ObjectNode decide(LineReader.Line line, Map<String, String> added) {
            String sha = sha256(line.bytes());
            ImportLine envelope = null;
            try {
                ImportLine read = lines.envelope(line.bytes());
                envelope = read;
                return savepoint.execute(status -> {
                    ImportLines.Recorded recorded;
                    try {
                        recorded = lines.record(read, line.bytes(), ref -> added.containsKey(ref) ? added.get(ref)
                                : refs.get(ref), caller);
                    } catch (Exception e) {
                        throw new LineRefused(e);
                    }
                    ObjectNode result = result(line, read, HttpStatus.CREATED.value());
                    result.set("result", json.valueToTree(recorded.result()));
                    boolean registration = read.kind() == Kind.ORGANISATION;
                    store.recordLine(importId, line.number(), sha, HttpStatus.CREATED.value(),
                            registration ? read.ref() : null, recorded.registeredId(), result.toString());
                    if (registration && read.ref() != null) {
                        added.put(read.ref(), recorded.registeredId());
                    }
                    return result;
                });
            } catch (Exception e) {
                Exception failure = e instanceof LineRefused refusedLine ? (Exception) refusedLine.getCause() : e;
                ItemProblem problem = problems.itemProblem(failure, request);
                ObjectNode result = refusal(line, envelope, problem);
                if (IdempotentReplay.of(problem.status(), problem.provisional()) == IdempotentReplay.Decision.REPLAY) {
                    store.recordLine(importId, line.number(), sha, problem.status(), null, null, result.toString());
                }
                return result;
            }
        }

        private ObjectNode result(LineReader.Line line, ImportLine envelope, int status) {
            ObjectNode result = json.createObjectNode();
            result.put("line", line.number());
            if (envelope != null) {
                result.put("kind", envelope.kind().code());
                if (envelope.ref() != null) {
                    result.put("ref", envelope.ref());
                }
            }
            result.put("status", status);
            return result;
        }

        private ObjectNode refusal(LineReader.Line line, ImportLine envelope, ItemProblem problem) {
            ObjectNode result = result(line, envelope, problem.status());
            result.set("problem", json.valueToTree(ProblemResponses.problemBody(problem.problem())));
            return result;
        }

        private ObjectNode problem(ProblemType type, String detail) {
            return json.valueToTree(ProblemResponses.problemBody(LedgerProblemHandler.problem(type, detail,
                    Map.of())));
        }

        private ObjectNode replay(ImportStore.StoredLine earlier) {
            try {
                ObjectNode result = (ObjectNode) json.readTree(earlier.result());
                result.put("replayed", true);
                return result;
            } catch (IOException e) {
                throw new IllegalStateException("stored result of line " + earlier.lineNo() + " unreadable", e);
            }
        }

        private void write(OutputStream out, List<ObjectNode> results) throws IOException {
            for (ObjectNode result : results) {
                out.write(json.writeValueAsBytes(result));
                out.write('\n');
            }
            out.flush();
        }
    }

    /**
     * Runs {@code work} (the commands of a batch's lines) in one Axon unit of work, committed at the end: each command
     * runs in a unit of work nested in it, whose events are appended when this one commits, in the batch's
     * transaction. The transaction's connection is attached to this unit of work first, so a command's own unit of
     * work neither commits nor rolls back the batch's transaction (Axon does that to the connection of the unit of
     * work that first used it): a refused command leaves its line's savepoint to undo what it did.
     */
    private <T> T inOneUnitOfWork(java.util.function.Supplier<T> work) {
        DefaultUnitOfWork<Message<String>> unit = DefaultUnitOfWork.startAndGet(
                new GenericMessage<>("bulk import batch"));
        try {
            connections.getConnection();
            T result = work.get();
            unit.commit();
            return result;
        } catch (java.sql.SQLException e) {
            unit.rollback(e);
            throw new IllegalStateException("no database connection for the batch", e);
        } catch (RuntimeException | Error e) {
            if (unit.isActive()) {
                unit.rollback(e);
            }
            throw e;
        }
    }

    /** A line's refusal, carried out of the savepoint's callback (which takes no checked exceptions). */
    private static final class LineRefused extends RuntimeException {
        LineRefused(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
