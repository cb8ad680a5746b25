package org.aidmp.io.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class StreamsTest {
  @Test
  void returnsTheOpenedStream() throws IOException {
    InputStream in = new ByteArrayInputStream(new byte[] {1});
    assertSame(in, Streams.open(() -> in, "mem"));
  }

  @Test
  void ioAndRuntimeFailuresPassThroughOthersBecomeIoNamingTheInput() {
    IOException io = new IOException("gone");
    assertSame(
        io,
        assertThrows(
            IOException.class,
            () ->
                Streams.open(
                    () -> {
                      throw io;
                    },
                    "mem")));
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(
        bug,
        assertThrows(
            IllegalStateException.class,
            () ->
                Streams.open(
                    () -> {
                      throw bug;
                    },
                    "mem")));
    IOException wrapped =
        assertThrows(
            IOException.class,
            () ->
                Streams.open(
                    () -> {
                      throw new TimeoutException("slow");
                    },
                    "s3://b/k"));
    assertEquals("TimeoutException while opening s3://b/k", wrapped.getMessage());
    assertEquals(TimeoutException.class, wrapped.getCause().getClass());
  }
}
