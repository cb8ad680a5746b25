package org.aidmp.io.csv;

/** The rules on CSV framing characters that the source and the sink share. Internal. */
final class CsvSyntax {
  private CsvSyntax() {}

  /**
   * Rejects a delimiter or quote that cannot frame CSV: a line break, or a byte-order mark, which a
   * reader drops at the start of a file. Shared by the source and the sink, so that the sink never
   * writes what the source refuses to read.
   */
  static void checkSyntaxChar(String what, char c) {
    if (c == '\r' || c == '\n' || c == '\uFEFF') {
      throw new IllegalArgumentException(
          what
              + " (U+"
              + String.format("%04X", (int) c)
              + ") cannot be a line break or BOM; "
              + "pick a printable character");
    }
  }
}
