package org.aidmp.io.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/**
 * A minimal object format for tests of the transport layer: one record per line, in a single "line"
 * column. Kept independent of the CSV source so these tests check only the S3 side.
 */
final class LineFormat implements S3Source.ObjectFormat {
  static final Schema SCHEMA = Schema.ofStrings(List.of("line"));

  @Override
  public Source open(String description, Callable<InputStream> body) {
    return new Source() {
      @Override
      public Schema schema() {
        return SCHEMA;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public CloseableIterator<Record> iterator() {
        BufferedReader reader;
        try {
          reader = new BufferedReader(new InputStreamReader(body.call(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return new CloseableIterator<>() {
          private String next;
          private long line;
          private boolean done;

          @Override
          public boolean hasNext() {
            if (next == null && !done) {
              try {
                next = reader.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              if (next == null) {
                done = true;
              }
            }
            return next != null;
          }

          @Override
          public Record next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            String s = next;
            next = null;
            return Record.of(SCHEMA, new Origin(description, ++line), s);
          }

          @Override
          public void close() {
            done = true;
          }
        };
      }
    };
  }
}
