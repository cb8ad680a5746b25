package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class OpenQuoteLocatorTest {
  static int locate(String csv, long line, long limit) throws IOException {
    return OpenQuoteLocator.openQuoteField(
        new StringReader(csv), line, ',', '"', limit, Long.MAX_VALUE);
  }

  @Test
  void findsTheFieldWhoseQuoteStaysOpen() throws IOException {
    String tail = "x".repeat(100);
    assertEquals(3, locate("a,b,c\n1,\"ok\",\"open " + tail, 2, 50));
    assertEquals(1, locate("a\r\n\"open\nstill " + tail, 2, 50));
    assertEquals(2, locate("h\rx,\"a \"\"q\"\" b\nc " + tail, 2, 50));
  }

  @Test
  void countsLinesInsideEarlierQuotedFieldsLikeTheParser() throws IOException {
    String csv = "a,b\r\n1,\"two\r\nlines\"\r\n2,\"open " + "y".repeat(100);
    assertEquals(2, locate(csv, 4, 50));
  }

  @Test
  void zeroWhenTheRecordEndsOrNoQuoteIsOpen() throws IOException {
    assertEquals(0, locate("a,b\n1,2\n", 2, 50));
    assertEquals(0, locate("a,b\n1," + "z".repeat(100), 2, 50));
    assertEquals(0, locate("a,b\n\"closed\" ,2", 2, 50));
  }

  @Test
  void stopsAtTheBudget() throws IOException {
    String csv = "a\n\"" + "x".repeat(1000);
    assertEquals(1, OpenQuoteLocator.openQuoteField(new StringReader(csv), 2, ',', '"', 5000, 100));
  }
}
