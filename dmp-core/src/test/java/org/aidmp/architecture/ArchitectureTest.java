package org.aidmp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of dmp-core's layering, as tests. */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));
  }

  @Test
  void theImportSawTheLibrary() {
    org.junit.jupiter.api.Assertions.assertTrue(
        core.contain(org.aidmp.pipeline.Pipeline.class)
            && core.contain(org.aidmp.internal.kernels.VectorKernels.class),
        "the rules below would hold vacuously on an empty import");
  }

  @Test
  void onlyThePanamaKernelsImportTheVectorApi() {
    noClasses()
        .that()
        .haveSimpleNameNotStartingWith("Panama")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jdk.incubator.vector..")
        .check(core);
  }

  @Test
  void theRecordModelDependsOnNothingElseOfTheLibrary() {
    noClasses()
        .that()
        .resideInAPackage("org.aidmp.data..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.aidmp.clean..",
            "org.aidmp.profile..",
            "org.aidmp.kmeans..",
            "org.aidmp.knn..",
            "org.aidmp.recommend..",
            "org.aidmp.feedback..",
            "org.aidmp.campaign..",
            "org.aidmp.pipeline..")
        .check(core);
  }

  @Test
  void cleanersAndProfilesDoNotReachIntoModels() {
    noClasses()
        .that()
        .resideInAnyPackage("org.aidmp.clean..", "org.aidmp.profile..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.aidmp.kmeans..",
            "org.aidmp.knn..",
            "org.aidmp.recommend..",
            "org.aidmp.feedback..",
            "org.aidmp.campaign..",
            "org.aidmp.pipeline..")
        .check(core);
  }

  @Test
  void onlyThePipelineDependsOnThePipeline() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.aidmp.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.aidmp.pipeline..")
        .check(core);
  }

  @Test
  void contractsDependOnNoImplementation() {
    noClasses()
        .that()
        .resideInAnyPackage("org.aidmp.stage..", "org.aidmp.state..", "org.aidmp.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.aidmp.clean..",
            "org.aidmp.profile..",
            "org.aidmp.kmeans..",
            "org.aidmp.knn..",
            "org.aidmp.recommend..",
            "org.aidmp.feedback..",
            "org.aidmp.campaign..",
            "org.aidmp.pipeline..")
        .check(core);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("org.aidmp.(*)..").should().beFreeOfCycles().check(core);
  }
}
