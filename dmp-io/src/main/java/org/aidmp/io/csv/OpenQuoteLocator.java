package org.aidmp.io.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Finds, after a record has blown the size cap, which field opened the quote that never closed. It
 * runs only on that error path, over a fresh reader of the same input, because the parser does not
 * say which field it was in and tracking fields on the hot path would cost every read.
 */
final class OpenQuoteLocator {
  private OpenQuoteLocator() {}

  /**
   * Scans the record that starts on {@code startLine} (1-based, lines counted like Commons CSV) and
   * returns the 1-based field whose quote is still open after {@code limit} chars of it (or after
   * {@code budget} chars of input, where the first read failed), or 0 if the record ends or no
   * quote is open by then.
   */
  static int openQuoteField(
      Reader in, long startLine, char delimiter, char quote, long limit, long budget)
      throws IOException {
    char[] buf = new char[1 << 16];
    long line = 1;
    boolean lastCr = false;
    boolean inRecord = startLine == 1;
    boolean skipLf = false;
    int field = 1;
    boolean fieldStart = true;
    boolean inQuotes = false;
    boolean quoteSeen = false; // inside quotes, the previous char was a quote
    int quotedField = 0;
    long scanned = 0;
    int n;
    long total = 0;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (++total > budget) {
          return inQuotes ? quotedField : 0;
        }
        if (!inRecord) {
          if (c == '\r' || (c == '\n' && !lastCr)) {
            line++;
          }
          lastCr = c == '\r';
          if (line == startLine) {
            inRecord = true;
            // a '\n' right after the '\r' that ended the previous line belongs to no record
            skipLf = c == '\r';
          }
          continue;
        }
        if (skipLf) {
          skipLf = false;
          if (c == '\n') {
            continue;
          }
        }
        if (++scanned > limit) {
          return inQuotes ? quotedField : 0;
        }
        if (inQuotes) {
          if (quoteSeen) {
            quoteSeen = false;
            if (c == quote) {
              continue; // a doubled quote is text
            }
            inQuotes = false; // the previous quote closed the field; c is handled below
          } else {
            if (c == quote) {
              quoteSeen = true;
            }
            continue;
          }
        }
        if (fieldStart && c == quote) {
          inQuotes = true;
          quotedField = field;
          fieldStart = false;
        } else if (c == delimiter) {
          field++;
          fieldStart = true;
        } else if (c == '\r' || c == '\n') {
          return 0; // the record ended: the cap was not about an open quote
        } else {
          fieldStart = false;
        }
      }
    }
    return inQuotes && !quoteSeen ? quotedField : 0;
  }
}
