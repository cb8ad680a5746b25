package org.aidmp.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes to chars and is the one place that watches the text on its way to the parser. It
 * stands in for {@code InputStreamReader} because that class neither says where bad bytes are nor
 * lets anyone bound what the parser buffers. In one pass over each decoded chunk it
 *
 * <ul>
 *   <li>reports malformed or unmappable input with its byte offset, line and column, instead of
 *       replacing it with U+FFFD;
 *   <li>drops a byte-order mark at the very start, so it never joins the first header name;
 *   <li>counts chars since the last record boundary the caller marked and fails once they pass the
 *       cap: Commons CSV keeps the whole of an open quoted field in memory, so a missing closing
 *       quote would otherwise buffer the rest of the input;
 *   <li>when asked, finds quote characters inside unquoted fields, which Commons CSV keeps as
 *       literal text without a word, and notes the record and field of each.
 * </ul>
 *
 * <p>Line breaks are counted the way Commons CSV counts them ({@code \r\n}, {@code \r} and {@code
 * \n} each end one line) so that positions agree with the parser's. Not thread-safe.
 */
final class DecodingReader extends Reader {
  /** Bytes decoded per refill; large enough that stream calls are rare. */
  private static final int BYTE_BUFFER = 1 << 16;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER);
  private final long maxRecordChars;

  /** Stream offset of {@code bytes[0]}. */
  private long byteBase;

  private boolean eof;
  private boolean flushed;
  private boolean atStart = true;
  private final char[] pair = new char[2];
  private char pending;
  private boolean hasPending;

  private long delivered;
  private long boundary;

  /** Line breaks delivered so far. */
  private long lineBreaks;

  /** Chars delivered since the last line break. */
  private long lineChars;

  private boolean lastWasCr;

  /** Set by {@link #watchStrayQuotes}; null when quotes are not watched. */
  private StrayQuotes strayQuotes;

  DecodingReader(InputStream in, Charset charset, long maxRecordChars) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.maxRecordChars = maxRecordChars;
    bytes.flip(); // empty, in read mode
  }

  /** Tells the reader that the parser finished a record: the size cap restarts from here. */
  void markRecordBoundary() {
    boundary = delivered;
  }

  /**
   * Starts noting quote characters inside unquoted fields. Call before the first read.
   *
   * @return the notes, which the caller drains as the parser hands out records
   */
  StrayQuotes watchStrayQuotes(char delimiter, char quote) {
    strayQuotes = new StrayQuotes(delimiter, quote);
    return strayQuotes;
  }

  /** Chars handed to the caller so far. */
  long delivered() {
    return delivered;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    if (hasPending) {
      out.put(pending);
      hasPending = false;
    }
    while (!flushed && out.hasRemaining()) {
      CoderResult result = decoder.decode(bytes, out, eof);
      if (result.isError()) {
        if (out.position() > off) {
          // hand over the good text first; the next call meets the same bad bytes and throws,
          // by which time the parser has consumed everything before them
          break;
        }
        throw malformed(result);
      }
      if (result.isOverflow()) {
        if (out.position() == off) {
          // one char of room and a surrogate pair to come: decode both, keep the second
          decodePair(out);
        }
        break;
      }
      if (eof) {
        if (decoder.flush(out).isUnderflow()) {
          flushed = true;
        }
        break;
      }
      if (out.position() > off) {
        break; // return what the bytes at hand gave rather than block on the stream
      }
      refill();
    }
    if (out.position() == off) {
      return -1;
    }
    int n = deliver(cbuf, off, out);
    // only a BOM was read: go on to the text after it
    return n > 0 ? n : read(cbuf, off, len);
  }

  private void decodePair(CharBuffer out) throws IOException {
    CharBuffer two = CharBuffer.wrap(pair);
    CoderResult result = decoder.decode(bytes, two, eof);
    if (result.isError() && two.position() == 0) {
      throw malformed(result);
    }
    out.put(pair[0]);
    if (two.position() > 1) {
      pending = pair[1];
      hasPending = true;
    }
  }

  private void refill() throws IOException {
    byteBase += bytes.position();
    bytes.compact();
    try {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
    } finally {
      bytes.flip();
    }
  }

  /** Passes on what {@code out} holds from {@code off}, counting it; 0 if that was only a BOM. */
  private int deliver(char[] cbuf, int off, CharBuffer out) throws IOException {
    int n = out.position() - off;
    if (atStart && n > 0) {
      atStart = false;
      if (cbuf[off] == '\uFEFF') {
        System.arraycopy(cbuf, off + 1, cbuf, off, n - 1);
        out.position(out.position() - 1);
        n--;
      }
    }
    countLines(cbuf, off, n);
    if (strayQuotes != null) {
      strayQuotes.scan(cbuf, off, n);
    }
    delivered += n;
    if (delivered - boundary > maxRecordChars) {
      throw new RecordTooLong(maxRecordChars);
    }
    return n;
  }

  private void countLines(char[] cbuf, int off, int n) {
    long breaks = 0;
    int lastBreak = -1;
    boolean cr = lastWasCr;
    for (int i = off, end = off + n; i < end; i++) {
      char c = cbuf[i];
      // a branch only for chars at or below '\r' keeps the common case to one compare
      if (c <= '\r') {
        if (c == '\n') {
          if (!cr) {
            breaks++;
          }
          lastBreak = i;
        } else if (c == '\r') {
          breaks++;
          lastBreak = i;
        }
      }
      cr = c == '\r';
    }
    lastWasCr = cr;
    lineBreaks += breaks;
    lineChars = lastBreak < 0 ? lineChars + n : off + n - lastBreak - 1;
  }

  private InvalidInput malformed(CoderResult result) {
    long offset = byteBase + bytes.position();
    String what =
        result.isMalformed()
            ? result.length() + " byte(s) that are not valid " + decoder.charset().name()
            : result.length() + " byte(s) that " + decoder.charset().name() + " cannot map";
    return new InvalidInput(what, offset, lineBreaks + 1, lineChars + 1);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * Follows the text as an RFC 4180 lexer would, only far enough to tell quoted fields from
   * unquoted ones, and notes the first quote character inside an unquoted field of each record.
   * Records are numbered from 1 the way {@code CSVRecord.getRecordNumber()} numbers them (a header
   * is record 1), fields from 1. It runs ahead of the parser by at most one buffer of text, so it
   * holds at most that many notes.
   */
  static final class StrayQuotes {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final char delimiter;
    private final char quote;
    private final java.util.ArrayDeque<long[]> notes = new java.util.ArrayDeque<>();
    private int state = FIELD_START;
    private long record = 1;
    private long field = 1;
    private long notedRecord;
    private boolean crEndedRecord;

    StrayQuotes(char delimiter, char quote) {
      this.delimiter = delimiter;
      this.quote = quote;
    }

    void scan(char[] cbuf, int off, int n) {
      for (int i = off, end = off + n; i < end; i++) {
        char c = cbuf[i];
        boolean afterCr = crEndedRecord;
        crEndedRecord = false;
        if (state == QUOTED) {
          if (c == quote) {
            state = QUOTE_IN_QUOTED;
          }
        } else if (c == delimiter) {
          state = FIELD_START;
          field++;
        } else if (c == '\n' || c == '\r') {
          if (c == '\n' && afterCr) {
            continue; // the second half of \r\n
          }
          state = FIELD_START;
          record++;
          field = 1;
          crEndedRecord = c == '\r';
        } else if (c == quote) {
          if (state == FIELD_START) {
            state = QUOTED;
          } else if (state == QUOTE_IN_QUOTED) {
            state = QUOTED; // an escaped quote
          } else if (notedRecord != record) {
            notedRecord = record;
            notes.add(new long[] {record, field});
          }
        } else {
          state = UNQUOTED;
        }
      }
    }

    /**
     * The 1-based field of record {@code recordNumber} that holds a stray quote, or 0; notes of
     * earlier records are dropped. Records must be asked for in increasing order.
     */
    long strayField(long recordNumber) {
      long[] head;
      while ((head = notes.peek()) != null && head[0] < recordNumber) {
        notes.poll();
      }
      if (head != null && head[0] == recordNumber) {
        notes.poll();
        return head[1];
      }
      return 0;
    }
  }

  /** The input is not valid in the charset. */
  static final class InvalidInput extends IOException {
    private static final long serialVersionUID = 1L;
    final String what;
    final long byteOffset;
    final long line;
    final long column;

    InvalidInput(String what, long byteOffset, long line, long column) {
      super(what + " at byte offset " + byteOffset + " (line " + line + ", char " + column + ")");
      this.what = what;
      this.byteOffset = byteOffset;
      this.line = line;
      this.column = column;
    }
  }

  /** A record passed the size cap. */
  static final class RecordTooLong extends IOException {
    private static final long serialVersionUID = 1L;
    final long cap;

    RecordTooLong(long cap) {
      super("record longer than " + cap + " chars");
      this.cap = cap;
    }
  }
}
