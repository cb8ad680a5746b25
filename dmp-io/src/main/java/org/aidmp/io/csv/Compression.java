package org.aidmp.io.csv;

/** Whether the bytes of a CSV source are gzip-compressed. */
public enum Compression {
  /**
   * Decompress when the path ends in {@code .gz} or the stream starts with the gzip magic bytes
   * {@code 1f 8b}; plain text otherwise. A plain CSV file cannot start with those bytes in UTF-8,
   * since {@code 0x8b} is not a valid first byte of a character there.
   */
  AUTO,
  /** Always gunzip; bytes that are not gzip data fail the read. */
  GZIP,
  /** Never decompress, even if the bytes look like gzip. */
  NONE
}
