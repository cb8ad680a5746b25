package org.aidmp.io.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one object at a time into a buffer, whole, and hands its records out only once the object
 * was read to its end and passed every check; notes the object as delivered with its last record.
 */
final class ObjectsIterator implements CloseableIterator<Record> {
  private static final Logger LOG = LoggerFactory.getLogger(S3Source.class);

  private final S3Source source;
  private final List<S3File> objects;
  private int nextObject;
  private S3File current;
  private List<Record> buffer;
  private int position;
  private boolean closed;
  private long read;
  private long quarantined;
  private long skipped;
  private long validated;
  private long notValidated;
  private long records;

  ObjectsIterator(S3Source source, List<S3File> objects) {
    this.source = source;
    this.objects = objects;
    publish();
  }

  private void publish() {
    source.account =
        new S3ReadAccount(
            objects.size(), read, quarantined, skipped, validated, notValidated, records);
  }

  @Override
  public boolean hasNext() {
    while (!closed) {
      if (buffer != null && position < buffer.size()) {
        return true;
      }
      buffer = null;
      if (nextObject >= objects.size()) {
        if (notValidated > 0) {
          LOG.info(
              "{}: {} of {} objects read without checksum validation (the server stored no"
                  + " checksum, or a resumed read)",
              source.description(),
              notValidated,
              read);
        }
        close();
        return false;
      }
      loadNext();
    }
    return false;
  }

  private void loadNext() {
    current = objects.get(nextObject++);
    S3File ref = current;
    List<Record> whole;
    boolean checked;
    try {
      ObjectStream[] last = new ObjectStream[1];
      whole = readWhole(ref, last);
      checked = last[0].validated();
    } catch (IllegalStateException e) {
      // A layout mismatch is a configuration error, not a bad object: no policy hides it.
      close();
      throw e;
    } catch (RuntimeException e) {
      RuntimeException f = translate(ref, e);
      switch (source.badObjectPolicy) {
        case FAIL -> {
          close();
          throw f;
        }
        case QUARANTINE -> {
          source.quarantine.accept(
              new QuarantinedRecord(
                  ref.location(), 0, null, "s3-object", reason(ref, f), List.of()));
          quarantined++;
        }
        case SKIP -> skipped++;
      }
      LOG.warn(
          "{}: object {} left out under {}",
          source.description(),
          nextObject,
          source.badObjectPolicy);
      publish();
      source.progress.onProgress("read " + source.description(), nextObject, objects.size());
      return;
    }
    read++;
    if (checked) {
      validated++;
    } else {
      notValidated++;
    }
    buffer = whole;
    position = 0;
    if (whole.isEmpty()) {
      delivered(ref);
    }
    publish();
  }

  private void delivered(S3File ref) {
    if (source.readLog != null) {
      source.readLog.markDelivered(ref);
    }
    source.progress.onProgress("read " + source.description(), nextObject, objects.size());
  }

  /** Every record of one object, after the object was read to its end and checked. */
  private List<Record> readWhole(S3File ref, ObjectStream[] last) {
    Source one =
        source.format.open(
            ref.location(),
            () -> {
              if (last[0] != null) {
                last[0].close();
              }
              ObjectStream s = source.openStream(ref.key());
              last[0] = s;
              return s;
            });
    List<Record> out = new ArrayList<>();
    try {
      try (CloseableIterator<Record> it = one.iterator()) {
        Schema first = source.schema;
        if (first == null) {
          source.schema = one.schema();
        } else if (!first.equals(one.schema())) {
          throw new IllegalStateException(
              ref.location()
                  + " has schema "
                  + one.schema()
                  + " but earlier objects have "
                  + first
                  + "; give objects of one layout or narrow the glob");
        }
        while (it.hasNext()) {
          if (out.size() >= source.maxRecordsPerObject) {
            throw new S3ObjectException(
                source.bucket,
                ref.key(),
                "holds more than "
                    + source.maxRecordsPerObject
                    + " records, the cap on records buffered per object; split the object or"
                    + " raise maxRecordsPerObject",
                new IOException("record cap of " + source.maxRecordsPerObject + " reached"));
          }
          out.add(it.next());
        }
      }
      if (last[0] == null) {
        throw new IllegalStateException(
            ref.location() + ": the object format produced records without opening the object");
      }
      long left = last[0].finish();
      if (left > 0) {
        LOG.warn("{}: the parser stopped {} bytes before the end of the object", ref, left);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (last[0] != null) {
        try {
          last[0].close();
        } catch (IOException e) {
          LOG.debug("{}: close failed", ref, e);
        }
      }
    }
  }

  private String reason(S3File ref, RuntimeException f) {
    String m = String.valueOf(f.getMessage());
    String prefix = ref.location() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private RuntimeException translate(S3File ref, RuntimeException e) {
    if (e instanceof S3ObjectException) {
      return e;
    }
    Throwable cause = e;
    while (cause != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io) {
      String msg =
          io instanceof ResumingObjectStream.ObjectReadException
                  && io.getMessage().startsWith(ref.location() + ": ")
              ? io.getMessage().substring(ref.location().length() + 2)
              : io.getClass().getSimpleName() + ": " + io.getMessage();
      return new S3ObjectException(source.bucket, ref.key(), msg, io);
    }
    return e;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + source.description());
    }
    Record r = buffer.get(position);
    buffer.set(position++, null); // let delivered records go
    records++;
    if (position == buffer.size()) {
      // The consumer holds every record of the object now: it may acknowledge it from here on.
      delivered(current);
      publish();
    }
    return r;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    buffer = null;
    publish();
  }
}
