package org.aidmp.io.csv;

/** Whether the bytes of a CSV source are gzip-compressed. */
public enum Compression {
  /**
   * Decompress when the path ends in {@code .gz} or the stream starts with the gzip magic bytes
   * {@code 1f 8b}; plain text otherwise. UTF-8 text cannot start with those bytes ({@code 0x8b}
   * cannot follow {@code 0x1f} there), and in other charsets they would be a control character
   * first, which no real CSV file has.
   */
  AUTO,
  /** Always gunzip; bytes that are not gzip data fail the read. */
  GZIP,
  /** Never decompress, even if the bytes look like gzip. */
  NONE
}
