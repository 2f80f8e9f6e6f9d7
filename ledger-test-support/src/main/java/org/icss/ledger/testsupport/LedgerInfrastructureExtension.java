package org.icss.ledger.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one place that decides where integration tests get PostgreSQL and Kafka (see {@link LedgerInfrastructure}).
 * Add {@code @ExtendWith(LedgerInfrastructureExtension.class)} and take a {@link LedgerInfrastructure} parameter in
 * a {@code @BeforeAll}, {@code @BeforeEach} or test method. Started once for the whole test run, closed at its end.
 */
public class LedgerInfrastructureExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LedgerInfrastructureExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LedgerInfrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LedgerInfrastructure.class, key -> LedgerInfrastructure.start(),
                        LedgerInfrastructure.class);
    }
}
