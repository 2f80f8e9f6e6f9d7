package org.icss.ledger.registry;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.icss.ledger.testsupport.LayerRules;

@AnalyzeClasses(packages = "org.icss.ledger.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layers = ArchTests.in(LayerRules.class);
}
