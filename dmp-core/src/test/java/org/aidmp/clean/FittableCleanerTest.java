package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class FittableCleanerTest {
  /** Replaces a missing column 0 with the number of rows seen at fit time. */
  record RowCount(long count) implements FittableCleaner {
    @Override
    public boolean isFitted() {
      return count >= 0;
    }

    @Override
    public Record clean(Record r) {
      return r.isMissing(0) ? r.with(0, Long.toString(count)) : r;
    }

    @Override
    public Fitter fitter(Schema input) {
      return new Fitter() {
        long n;

        @Override
        public void accept(Record record) {
          n++;
        }

        @Override
        public FittableCleaner fitted() {
          return new RowCount(n);
        }
      };
    }
  }

  @Test
  void defaultFitReadsTheSourceOnceAndReturnsTheFittedCleaner() {
    Schema s = Rows.strings("a");
    RowCount unfitted = new RowCount(-1);
    assertFalse(unfitted.isFitted());
    FittableCleaner fitted =
        unfitted.fit(Rows.source(s, new Object[] {"x"}, new Object[] {null}, new Object[] {"y"}));
    assertTrue(fitted.isFitted());
    assertEquals("3", fitted.clean(Rows.row(s, 2, (Object) null)).get(0));
  }
}
