package org.icss.ledger.audit.web.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits and pace of the bulk import ({@code icss.imports.*}).
 *
 * @param maxStreamSize     largest import stream; a larger Content-Length is 413 at once, a stream that grows past it
 *                          is stopped there (the lines before it stay recorded, the answer ends with a 413 problem)
 * @param maxLineSize       largest line, the single endpoints' body limit by default; a longer line is answered 413
 *                          and the import goes on with the next line
 * @param batchSize         lines recorded per transaction
 * @param inProgressTimeout an import whose posting has not made progress for this long (its replica died) may be
 *                          posted again under the same Idempotency-Key, and resumes
 * @param retention         an import's line results are kept this long after its last posting, for a resumption
 */
@ConfigurationProperties("icss.imports")
public record ImportProperties(
        @DefaultValue("256MB") DataSize maxStreamSize,
        @DefaultValue("64KB") DataSize maxLineSize,
        @DefaultValue("200") int batchSize,
        @DefaultValue("PT1M") Duration inProgressTimeout,
        @DefaultValue("P1D") Duration retention) {
}
