package org.aidmp.pipeline;

import java.util.function.Consumer;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/** A source that shows each record to a tap as it passes, so one read feeds two consumers. */
final class TappedSource implements Source {
  private final Source source;
  private final Consumer<Record> tap;

  TappedSource(Source source, Consumer<Record> tap) {
    this.source = source;
    this.tap = tap;
  }

  @Override
  public Schema schema() {
    return source.schema();
  }

  @Override
  public String description() {
    return source.description();
  }

  @Override
  public CloseableIterator<Record> iterator() {
    CloseableIterator<Record> it = source.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Record next() {
        Record r = it.next();
        tap.accept(r);
        return r;
      }

      @Override
      public void close() {
        it.close();
      }
    };
  }
}
