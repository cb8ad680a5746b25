package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.UserProfile;
import org.aidmp.state.UserStatePart;
import org.junit.jupiter.api.Test;

/**
 * The profile store keeps only the attribute columns the run needs: an {@code ssn} column in the
 * attributes never reaches the store, nor any part a snapshot is written from.
 */
class PipelineAttributeAllowListTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type"));
  private static final Schema ATTRS =
      Schema.ofStrings(List.of("user", "age", "ssn", "consent", "country"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .get();

  private static String ssn(int u) {
    return "078-05-" + (1120 + u);
  }

  private static Source events() {
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      for (int i = 0; i < 2; i++) {
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", rows.size() + 2),
                "u" + u,
                "2026-01-0" + (1 + i + u % 3) + "T00:00:00Z",
                i == 0 ? "view" : "buy"));
      }
    }
    return Source.of(RAW, "events.csv", rows);
  }

  private static Source attributes() {
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      rows.add(
          Record.of(
              ATTRS,
              new Origin("users.csv", u + 2),
              "u" + u,
              String.valueOf(20 + 3 * u),
              ssn(u),
              u % 4 == 0 ? "no" : "yes",
              "country-" + u));
    }
    return Source.of(ATTRS, "users.csv", rows);
  }

  private static String written(UserStatePart part) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      part.writeTo(out);
    }
    return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  private static Pipeline.Builder pipeline() {
    return Pipeline.builder()
        .events(events())
        .mapEvents(MAPPING)
        .attributes(attributes(), "user")
        .features(FeatureSpec.builder().setNumericAttributes(List.of("age")).get());
  }

  @Test
  void anSsnColumnNeverReachesTheStoreOrASnapshot() throws IOException {
    PipelineResult r =
        pipeline().consent(ConsentPolicy.builder().setCommonAttribute("consent").get()).run();

    assertEquals(Set.of("age", "consent"), Set.copyOf(r.profiles().attributeNames()));
    for (UserProfile p : r.profiles()) {
      assertNull(p.attribute("ssn"));
      assertNull(p.attribute("country"), "not used by the features nor by consent");
    }
    for (UserStatePart part : r.userStates()) {
      String bytes = written(part);
      for (int u = 0; u < 12; u++) {
        assertFalse(bytes.contains(ssn(u)), part.partName() + " holds an ssn");
        assertFalse(bytes.contains("country-" + u), part.partName() + " holds a country");
      }
      assertFalse(bytes.contains("ssn"), part.partName() + " even names the column");
    }
    assertTrue(written(r.profiles()).contains("consent"), "the consent column is kept");
    assertEquals(9, r.matrix().orElseThrow().rows(), "consent still works: u0, u4, u8 said no");
  }

  @Test
  void theScanWouldSeeTheSsnWereItKept() throws IOException {
    PipelineResult r = pipeline().allowAttributes("ssn").run();
    assertEquals(ssn(5), r.profiles().get("u5").orElseThrow().attribute("ssn"));
    assertTrue(written(r.profiles()).contains(ssn(5)));
  }

  @Test
  void theHostCanAllowMoreColumns() {
    PipelineResult r = pipeline().allowAttributes("country").run();
    assertEquals("country-3", r.profiles().get("u3").orElseThrow().attribute("country"));
    assertNull(r.profiles().get("u3").orElseThrow().attribute("ssn"));
    assertEquals(
        Set.of("age", "country"), pipeline().allowAttributes("country").build().keptAttributes());
  }
}
