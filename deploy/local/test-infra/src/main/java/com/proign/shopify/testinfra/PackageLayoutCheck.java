package com.proign.shopify.testinfra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * A service's package rules (docs/decisions.md, "Package layout"), which each service's test extends with its
 * root package and its transport packages:
 * <ul>
 * <li>dependencies between packages run one way (no two packages import each other, directly or round about);</li>
 * <li>transport (REST resources, Kafka consumers and producers) sits on top: nothing else imports it;</li>
 * <li>repositories and the domain (the root package) import no service;</li>
 * <li>one way onto a Vert.x context: only the service's {@code context} package calls {@code runOnContext};</li>
 * <li>no Quarkus internals (implementation packages that change without notice).</li>
 * </ul>
 */
public abstract class PackageLayoutCheck {

    private static final String[] QUARKUS_INTERNALS = { "io.quarkus.vertx.core.runtime..", "io.quarkus.arc.impl..",
            "io.quarkus.hibernate.reactive.runtime..", "io.quarkus.hibernate.orm.runtime..",
            "io.quarkus.smallrye.reactivemessaging.runtime.." };

    /** The service's root package, such as com.proign.shopify.orders. */
    protected abstract String root();

    /** Its transport packages, relative to the root (rest, messaging). */
    protected abstract List<String> transport();

    private JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root());
    }

    private String[] packages(List<String> relative) {
        return relative.stream().map(p -> root() + "." + p + "..").toArray(String[]::new);
    }

    @Test
    void packagesDependOneWay() {
        slices().matching(root() + ".(*)..").should().beFreeOfCycles().check(classes());
    }

    @Test
    void nothingBelowTransportImportsIt() {
        noClasses().that().resideOutsideOfPackages(packages(transport()))
                .should().dependOnClassesThat().resideInAnyPackage(packages(transport()))
                .check(classes());
    }

    @Test
    void repositoriesAndTheDomainImportNoService() {
        noClasses().that().resideInAnyPackage(root(), root() + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage(root() + ".service..")
                .allowEmptyShould(true).check(classes());
    }

    @Test
    void oneWayOntoAVertxContext() {
        noClasses().that().resideOutsideOfPackage(root() + ".context")
                .should().callMethod("io.vertx.core.Context", "runOnContext", "io.vertx.core.Handler")
                .orShould().callMethod("io.vertx.core.Vertx", "runOnContext", "io.vertx.core.Handler")
                .check(classes());
    }

    @Test
    void noQuarkusInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(QUARKUS_INTERNALS)
                .check(classes());
    }
}
