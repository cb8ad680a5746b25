package org.aidmp.io.csv;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Record;

/**
 * Fuzzes {@link CsvSource} with arbitrary bytes under each bad-record policy. Acceptable outcomes:
 * records, or the declared {@link BadRecordException} and {@link UncheckedIOException}. Under
 * QUARANTINE and SKIP the account must balance.
 */
class CsvSourceFuzzTest {
  @FuzzTest(maxDuration = "3m")
  void arbitraryBytesParseOrFailWithDeclaredErrors(FuzzedDataProvider data) {
    BadRecordPolicy policy = data.pickValue(BadRecordPolicy.values());
    boolean header = data.consumeBoolean();
    int maxField = data.consumeInt(1, 4096);
    byte[] input = data.consumeRemainingAsBytes();
    Quarantine.InMemory q = Quarantine.inMemory();
    CsvSource.Builder b =
        CsvSource.builder("fuzz.csv", () -> new ByteArrayInputStream(input))
            .setBadRecordPolicy(policy)
            .setHeaderMode(header ? HeaderMode.READ : HeaderMode.NONE)
            .setMaxFieldChars(maxField);
    if (policy == BadRecordPolicy.QUARANTINE) {
      b.setQuarantine(q);
    }
    if (!header) {
      b.setSchema(org.aidmp.data.Schema.ofStrings(java.util.List.of("a", "b", "c")));
    }
    CsvSource source = b.get();
    long records = 0;
    try (CloseableIterator<Record> it = source.iterator()) {
      while (it.hasNext()) {
        it.next();
        records++;
      }
    } catch (BadRecordException | UncheckedIOException expected) {
      return;
    }
    if (policy == BadRecordPolicy.QUARANTINE && q.size() != source.quarantinedRows()) {
      throw new AssertionError(q.size() + " quarantined, " + source.quarantinedRows() + " counted");
    }
  }
}
