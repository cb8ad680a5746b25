package org.aidmp.io.json;

/** Checks UTF-8 strictly (no overlong forms, no surrogates, nothing past U+10FFFF). */
final class Utf8 {
  private Utf8() {}

  /** The index of the first byte of an invalid sequence in {@code b[0..n)}, or -1 if all valid. */
  static int firstInvalid(byte[] b, int n) {
    int i = 0;
    while (i < n) {
      // ASCII is the common case and costs one compare; the JSON parse that follows costs more.
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      int need;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + need >= n) {
        return i;
      }
      int cp = c & (0x3f >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return i;
      }
      i += need + 1;
    }
    return -1;
  }
}
