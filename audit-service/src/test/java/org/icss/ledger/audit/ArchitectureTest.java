package org.icss.ledger.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.icss.ledger.testsupport.LayerRules;

@AnalyzeClasses(packages = "org.icss.ledger.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commandSideKnowsNoWebOrQuery = LayerRules.commandSideKnowsNoWebOrQuery();

    @ArchTest
    static final ArchRule queryDispatchesNoCommands = LayerRules.queryDispatchesNoCommands();

    @ArchTest
    static final ArchRule webDoesNotTouchAggregates = LayerRules.webDoesNotTouchAggregates();

    @ArchTest
    static final ArchRule policiesArePure = LayerRules.policiesArePure();
}
