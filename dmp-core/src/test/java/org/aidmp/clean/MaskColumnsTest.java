package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.privacy.PseudonymKey;
import org.aidmp.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

class MaskColumnsTest {
  private static final Schema S = Rows.strings("user_id", "email", "phone", "ssn", "city");
  private static final Pseudonymizer IDS = Pseudonymizer.of(PseudonymKey.of("k1", new byte[32]));

  private static MaskColumns all() {
    return MaskColumns.builder()
        .hash("user_id", IDS)
        .redact("email")
        .keepLast("phone", 4)
        .drop("ssn")
        .get();
  }

  @Test
  void hashesRedactsKeepsLastAndDrops() {
    MaskColumns m = all();
    assertEquals(List.of("user_id", "email", "phone", "city"), m.outputSchema(S).names());
    Record out =
        m.clean(
            Rows.row(
                S, 5, "alice", "alice@example.com", "+44 20 7946 0958", "078-05-1120", "Leeds"));
    assertEquals(
        List.of(IDS.pseudonym("alice"), "[redacted]", "***0958", "Leeds"), List.of(out.values()));
    assertEquals(5, out.origin().line());
  }

  @Test
  void missingValuesStayMissingAndShortValuesAreMaskedWhole() {
    Cleaner b = all().bind(S);
    Record out = b.clean(Rows.row(S, 2, null, " ", "123", null, "x"));
    assertEquals(
        java.util.Arrays.asList(null, " ", "***", "x"), java.util.Arrays.asList(out.values()));
    assertEquals("***", MaskColumns.keepLast("1234", 4));
    assertEquals("***45", MaskColumns.keepLast("12345", 2));
    assertEquals("***😀", MaskColumns.keepLast("ab😀", 1));
  }

  @Test
  void unchangedRecordsAreReturnedAsTheSameInstance() {
    MaskColumns m = MaskColumns.builder().redact("email").get();
    Cleaner b = m.bind(S);
    Record r = Rows.row(S, 2, "u", null, "1", "2", "c");
    assertSame(r, b.clean(r));
  }

  @Test
  void redactOnANonTextColumnWritesAMissingValue() {
    Schema typed = Schema.builder().add("id", ColumnType.STRING).add("age", ColumnType.INT).build();
    Record out = MaskColumns.builder().redact("age").get().clean(Record.of(typed, "u", 41));
    assertNull(out.get("age"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MaskColumns.builder().keepLast("age", 2).get().outputSchema(typed));
    assertTrue(e.getMessage().contains("'age'"), e.getMessage());
  }

  @Test
  void aMissingColumnIsAnErrorSoThatTyposDoNotLeakData() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MaskColumns.builder().drop("emial").get().outputSchema(S));
    assertTrue(e.getMessage().contains("'emial'"), e.getMessage());
  }

  @Test
  void configurationIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> MaskColumns.builder().get());
    assertThrows(IllegalArgumentException.class, () -> MaskColumns.builder().redact("a").drop("a"));
    assertThrows(IllegalArgumentException.class, () -> MaskColumns.builder().keepLast("a", 0));
    Pseudonymizer other = Pseudonymizer.of(PseudonymKey.of("k2", new byte[32]));
    assertThrows(
        IllegalArgumentException.class,
        () -> MaskColumns.builder().hash("a", IDS).hash("b", other));
    MaskColumns m = MaskColumns.builder().setName("pii").drop("ssn").redact("email").get();
    assertEquals("pii", m.name());
    assertEquals(List.of("ssn", "email"), m.columns());
    assertEquals("MaskColumns[pii, {ssn=DROP, email=REDACT}]", m.toString());
  }

  @Test
  void runsInsideACleaningAndCountsEveryRowAsChanged() {
    Cleaning c = Cleaning.builder().add(all()).setPolicy(BadRecordPolicy.FAIL).get();
    List<Record> out =
        Rows.all(
            c.apply(
                Rows.source(
                    S,
                    new Object[] {"a", "a@x", "0123456", "1", "P"},
                    new Object[] {"b", "b@x", "0987654", "2", "Q"})));
    assertEquals(2, out.size());
    assertEquals(IDS.pseudonym("b"), out.get(1).get("user_id"));
    assertEquals(List.of("user_id", "email", "phone", "city"), out.get(0).schema().names());
  }
}
