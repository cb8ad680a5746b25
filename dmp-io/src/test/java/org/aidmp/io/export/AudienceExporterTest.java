package org.aidmp.io.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudienceExporterTest {
  @TempDir Path dir;

  private static Audience segment(String name, int size) {
    return Audience.of(name, IntStream.range(0, size).mapToObj(i -> name + "-u" + i).toList());
  }

  @Test
  void segmentsAreWrittenAsCsv() throws IOException {
    Path f = dir.resolve("segments.csv");
    AudienceExporter ex = AudienceExporter.builder().allowUnsafeMinimum().setMinGroupSize(2).get();
    ExportReport r =
        ex.exportSegments(
            List.of(
                Audience.of("s0", List.of("u1", "u,2")), Audience.of("s1", List.of("u\"3", "u4"))),
            ExportTarget.file(f));
    assertEquals("segment,user_id\ns0,u1\ns0,\"u,2\"\ns1,\"u\"\"3\"\ns1,u4\n", Files.readString(f));
    assertEquals(4, r.rows());
    assertEquals(List.of("s0", "s1"), r.exported());
  }

  @Test
  void smallSegmentRefusesTheWholeExportAndWritesNothing() throws IOException {
    Path f = dir.resolve("segments.csv");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AudienceExporter.DEFAULT.exportSegments(
                    List.of(segment("big", 150), segment("tiny", 99)), ExportTarget.file(f)));
    assertTrue(e.getMessage().contains("'tiny' has 99 distinct users"), e.getMessage());
    assertTrue(e.getMessage().contains("minimum export size 100"), e.getMessage());
    assertFalse(e.getMessage().contains("tiny-u0"), "a member id leaked: " + e.getMessage());
    assertFalse(Files.exists(f));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "a temporary file was left behind");
    }
  }

  @Test
  void segmentOfExactlyTheMinimumIsExported() throws IOException {
    Path f = dir.resolve("segments.csv");
    ExportReport r =
        AudienceExporter.DEFAULT.exportSegments(List.of(segment("s", 100)), ExportTarget.file(f));
    assertEquals(100, r.rows());
    assertEquals(101, Files.readAllLines(f).size());
  }

  @Test
  void omitPolicyLeavesSmallGroupsOutAndSaysSo() throws IOException {
    Path f = dir.resolve("aud.csv");
    AudienceExporter ex =
        AudienceExporter.builder().setSmallGroupPolicy(SmallGroupPolicy.OMIT).get();
    ExportReport r =
        ex.exportAudiences(List.of(segment("a", 120), segment("b", 5)), ExportTarget.file(f));
    assertEquals(List.of("a"), r.exported());
    assertEquals(List.of("b"), r.omitted());
    List<String> lines = Files.readAllLines(f);
    assertEquals("audience,user_id,score", lines.get(0));
    assertEquals("a,a-u0,", lines.get(1));
    assertEquals(121, lines.size());
  }

  @Test
  void lookalikeScoresAreWritten() throws IOException {
    Path f = dir.resolve("look.csv");
    List<Audience.Member> members = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      members.add(new Audience.Member("u" + i, 1.0 - i / 200.0));
    }
    AudienceExporter.DEFAULT.exportAudiences(
        List.of(new Audience("lookalike", members)), ExportTarget.file(f));
    assertEquals("lookalike,u1,0.995", Files.readAllLines(f).get(2));
  }

  @Test
  void duplicateGroupNamesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AudienceExporter.DEFAULT.exportSegments(
                    List.of(segment("x", 100), segment("x", 100)),
                    ExportTarget.file(dir.resolve("d"))));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void recommendationsAreWrittenInOrder() throws IOException {
    Path f = dir.resolve("recs.csv");
    ExportReport r =
        AudienceExporter.DEFAULT.exportRecommendations(
            List.of(
                new Recommendation("u1", 1, "i9", 0.5), new Recommendation("u1", 2, "i3", 0.25)),
            ExportTarget.file(f));
    assertEquals("user_id,rank,item_id,score\nu1,1,i9,0.5\nu1,2,i3,0.25\n", Files.readString(f));
    assertEquals(2, r.rows());
  }

  @Test
  void failureMidExportKeepsThePreviousFile() throws IOException {
    Path f = dir.resolve("recs.csv");
    Files.writeString(f, "previous export\n");
    Iterable<Recommendation> failing =
        () ->
            new java.util.Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Recommendation next() {
                if (++i > 1000) {
                  throw new IllegalStateException("recommender failed");
                }
                return new Recommendation("u" + i, 1, "i", 1);
              }
            };
    assertThrows(
        IllegalStateException.class,
        () -> AudienceExporter.DEFAULT.exportRecommendations(failing, ExportTarget.file(f)));
    assertEquals("previous export\n", Files.readString(f));
  }

  @Test
  void oneUserListedAHundredTimesIsAGroupOfOne() throws IOException {
    Path f = dir.resolve("dup.csv");
    Audience padded = Audience.of("padded", java.util.Collections.nCopies(100, "u-secret"));
    assertEquals(100, padded.size());
    assertEquals(1, padded.distinctUsers());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AudienceExporter.DEFAULT.exportSegments(List.of(padded), ExportTarget.file(f)));
    assertTrue(e.getMessage().contains("has 1 distinct users (100 listed)"), e.getMessage());
    assertFalse(e.getMessage().contains("u-secret"), e.getMessage());
    assertFalse(Files.exists(f));

    ExportReport r =
        AudienceExporter.builder()
            .setSmallGroupPolicy(SmallGroupPolicy.OMIT)
            .get()
            .exportSegments(List.of(padded, segment("ok", 100)), ExportTarget.file(f));
    assertEquals(List.of("padded"), r.omitted());
  }

  @Test
  void duplicatesNearTheMinimumAreWrittenOnceAndDoNotCount() throws IOException {
    Path f = dir.resolve("near.csv");
    List<String> ids =
        new ArrayList<>(segment("s", 99).members().stream().map(Audience.Member::userId).toList());
    ids.add("s-u0"); // 100 rows, 99 users
    assertThrows(
        IllegalArgumentException.class,
        () ->
            AudienceExporter.DEFAULT.exportSegments(
                List.of(Audience.of("s", ids)), ExportTarget.file(f)));
    ids.add("s-u99"); // 101 rows, 100 users
    ExportReport r =
        AudienceExporter.DEFAULT.exportSegments(
            List.of(Audience.of("s", ids)), ExportTarget.file(f));
    assertEquals(100, r.rows());
    assertEquals(101, Files.readAllLines(f).size());
  }

  @Test
  void minimumsBelowTheFloorNeedTheUnsafeFlagFirst() {
    for (int k = 1; k < 10; k++) {
      int kk = k;
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> AudienceExporter.builder().setMinGroupSize(kk));
      assertTrue(e.getMessage().contains("allowUnsafeMinimum()"), e.getMessage());
    }
    assertEquals(10, AudienceExporter.builder().setMinGroupSize(10).get().minGroupSize());
    AudienceExporter unsafe =
        AudienceExporter.builder().allowUnsafeMinimum().setMinGroupSize(1).get();
    assertEquals(1, unsafe.minGroupSize());
    assertEquals(1, unsafe.toBuilder().get().minGroupSize());
    assertTrue(unsafe.toString().contains("unsafe"), unsafe.toString());
  }

  @Test
  void optionsAreValidatedAndNeverShowMembers() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AudienceExporter.builder().setMinGroupSize(0));
    assertTrue(e.getMessage().contains("(0)"), e.getMessage());
    assertEquals(
        500, AudienceExporter.DEFAULT.toBuilder().setMinGroupSize(500).get().minGroupSize());
    assertEquals("Audience[s, 3 members]", segment("s", 3).toString());
    assertEquals("Recommendation[rank 2]", new Recommendation("secret-user", 2, "i", 1).toString());
  }
}
