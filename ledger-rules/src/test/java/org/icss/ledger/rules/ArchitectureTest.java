package org.icss.ledger.rules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "org.icss.ledger.rules", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The shared rules are plain functions over the published language: no framework, no I/O. */
    @ArchTest
    static final ArchRule dependsOnlyOnThePublishedLanguage = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("org.icss.ledger.rules..", "org.icss.ledger.events..", "java..");
}
