package org.icss.ledger.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "org.icss.ledger.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The published language depends on nothing but the JDK and Jackson's annotations. */
    @ArchTest
    static final ArchRule dependsOnNothing = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("org.icss.ledger.events..", "java..", "com.fasterxml.jackson.annotation..");
}
