package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class DropColumnsTest {
  private static final Schema S = Rows.strings("id", "email", "city", "phone");

  @Test
  void dropsTheNamedColumnsAndKeepsTheOrder() {
    DropColumns d = DropColumns.of("phone", "email");
    assertEquals(List.of("id", "city"), d.outputSchema(S).names());
    Record out = d.clean(Rows.row(S, 7, "u1", "a@b", "Paris", "123"));
    assertEquals(List.of("u1", "Paris"), List.of(out.values()));
    assertEquals(7, out.origin().line());
  }

  @Test
  void aMissingColumnIsAnErrorSoThatTyposDoNotLeakData() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DropColumns.of("emial").outputSchema(S));
    assertTrue(e.getMessage().contains("'emial'"), e.getMessage());
  }

  @Test
  void configurationIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> DropColumns.builder().get());
    assertThrows(IllegalArgumentException.class, () -> DropColumns.of("a", "a"));
    DropColumns d = DropColumns.builder().setName("pii").setColumns("email").get();
    assertEquals("pii", d.toBuilder().get().name());
    assertEquals(List.of("email"), d.columns());
  }
}
