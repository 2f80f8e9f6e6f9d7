package org.icss.ledger.platform.upcasting;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.icss.ledger.events.EventRevision;

/**
 * The revision Axon's serializer writes with each event: the published language's own {@link EventRevision} (ledger
 * events depend on no framework, so they cannot carry Axon's {@code @Revision}); for any other class, such as a
 * service's internal events, Axon's {@code @Revision}. No annotation: no revision (the first shape).
 */
public class LedgerRevisionResolver implements RevisionResolver {

    private final RevisionResolver axonAnnotations = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventRevision revision = payloadType.getAnnotation(EventRevision.class);
        return revision != null ? revision.value() : axonAnnotations.revisionOf(payloadType);
    }
}
