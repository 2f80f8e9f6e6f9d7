package org.icss.ledger.testsupport;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every service keeps (package by CQRS role: command, query, web, config). A service's test runs
 * them all with {@code @ArchTest static final ArchTests layers = ArchTests.in(LayerRules.class);}.
 */
public final class LayerRules {

    @ArchTest
    public static final ArchRule commandSideKnowsNoWebOrQuery = commandSideKnowsNoWebOrQuery();

    @ArchTest
    public static final ArchRule queryDispatchesNoCommands = queryDispatchesNoCommands();

    @ArchTest
    public static final ArchRule webDoesNotTouchAggregates = webDoesNotTouchAggregates();

    @ArchTest
    public static final ArchRule policiesArePure = policiesArePure();

    private LayerRules() {
    }

    /** Aggregates and command handlers know nothing of HTTP or read models. */
    public static ArchRule commandSideKnowsNoWebOrQuery() {
        return noClasses().that().resideInAPackage("org.icss.ledger.*.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.icss.ledger.*.web..",
                        "org.icss.ledger.*.query..", "org.springframework.web..", "org.springframework.http..")
                .allowEmptyShould(true);
    }

    /** Read models answer questions; they never change the write side. */
    public static ArchRule queryDispatchesNoCommands() {
        return noClasses().that().resideInAPackage("org.icss.ledger.*.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                        "org.icss.ledger.*.command..")
                .allowEmptyShould(true);
    }

    /** Controllers send commands; they do not reach into aggregates. */
    public static ArchRule webDoesNotTouchAggregates() {
        return noClasses().that().resideInAPackage("org.icss.ledger.*.web..")
                .should().dependOnClassesThat().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .allowEmptyShould(true);
    }

    /** Rules that decide standing are plain functions of their inputs: no framework, no clock, no I/O. */
    public static ArchRule policiesArePure() {
        return classes().that().haveSimpleNameEndingWith("Policy")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..", "java.time..",
                        "org.icss.ledger.events..", "org.icss.ledger.rules..", "org.icss.ledger.*.command..",
                        "org.icss.ledger.*.query..")
                .allowEmptyShould(true);
    }
}
