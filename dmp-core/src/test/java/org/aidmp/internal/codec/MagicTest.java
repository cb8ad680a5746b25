package org.aidmp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MagicTest {
  @Test
  void everyFormatHasItsOwnMagicNumber() {
    Map<Integer, Magic> seen = new HashMap<>();
    for (Magic m : Magic.values()) {
      Magic other = seen.put(m.value(), m);
      assertEquals(null, other, m + " and " + other + " share a magic number");
    }
  }

  @Test
  void aHeaderOfAnotherFormatIsRefusedByName() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Codec.writeHeader(new DataOutputStream(bytes), Magic.FEEDBACK, 1);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Codec.readHeader(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                    Magic.FEATURE_TRANSFORM,
                    1));
    assertTrue(e.getMessage().contains("not a feature transform"), e.getMessage());
  }

  @Test
  void aNewerVersionIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Codec.writeHeader(new DataOutputStream(bytes), Magic.INTERACTIONS, 3);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Codec.readHeader(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                    Magic.INTERACTIONS,
                    2));
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
  }

  @Test
  void aHostileCountIsRefusedBeforeAllocating() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeInt(-5);
    assertThrows(
        IOException.class,
        () ->
            Codec.readCount(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "rows"));
  }
}
