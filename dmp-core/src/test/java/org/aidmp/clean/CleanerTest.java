package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class CleanerTest {
  private static final Schema S = Rows.strings("a");

  static final class Upper implements Cleaner {
    @Override
    public Record clean(Record r) {
      return r.with(0, r.getString(0).toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void lambdasAndAnonymousClassesAreNamedCustom() {
    Cleaner lambda = r -> r;
    Cleaner anonymous =
        new Cleaner() {
          @Override
          public Record clean(Record r) {
            return r;
          }
        };
    assertEquals("custom", lambda.name());
    assertEquals("custom", anonymous.name());
  }

  @Test
  void namedClassesUseTheirSimpleName() {
    assertEquals("Upper", new Upper().name());
  }

  @Test
  void defaultsKeepTheSchemaAndBindToThemselves() {
    Cleaner c = new Upper();
    assertSame(S, c.outputSchema(S));
    assertSame(c, c.bind(S));
  }

  @Test
  void outcomesAreUnchangedChangedOrSkipped() {
    Record r = Rows.row(S, 2, "x");
    Cleaner keep = rec -> rec;
    Cleaner skip = rec -> null;
    assertSame(r, keep.clean(r));
    assertNull(skip.clean(r));
    assertEquals("X", new Upper().clean(r).get(0));
  }
}
