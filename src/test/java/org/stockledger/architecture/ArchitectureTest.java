package org.stockledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the picture of the design true: adapters (api.*, cli) call capability roots only, never a
 * capability's internal package and never another adapter; capabilities never import adapters.
 */
class ArchitectureTest {

    private static final String[] ADAPTERS = {"org.stockledger.api..", "org.stockledger.cli.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.stockledger");
    }

    @Test
    void adaptersReachNoCapabilityInternals() {
        noClasses().that().resideInAnyPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage("org.stockledger..internal..")
                .check(classes);
    }

    @Test
    void capabilitiesNeverImportAdapters() {
        noClasses().that().resideOutsideOfPackages(ADAPTERS)
                .and().resideOutsideOfPackage("org.stockledger")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(classes);
    }

    @Test
    void noAdapterImportsAnotherAdapter() {
        slices().matching("org.stockledger.api.(*)..").should().notDependOnEachOther().check(classes);
        noClasses().that().resideInAPackage("org.stockledger.api..")
                .should().dependOnClassesThat().resideInAPackage("org.stockledger.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.stockledger.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.stockledger.api..")
                .check(classes);
    }

    @Test
    void capabilityInternalsAreUsedOnlyByTheirOwnCapability() {
        slices().matching("org.stockledger.(*).internal..").should().notDependOnEachOther().check(classes);
        for (String capability : new String[] {"access", "catalog", "ledger", "orders"}) {
            noClasses().that().resideOutsideOfPackage("org.stockledger." + capability + "..")
                    .should().dependOnClassesThat().resideInAPackage("org.stockledger." + capability + ".internal..")
                    .check(classes);
        }
    }

    @Test
    void adaptersHoldNoSqlAndNoTransactions() {
        noClasses().that().resideInAnyPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(classes);
        classes().that().resideInAnyPackage(ADAPTERS)
                .should().notBeAnnotatedWith(org.springframework.transaction.annotation.Transactional.class)
                .check(classes);
    }
}
