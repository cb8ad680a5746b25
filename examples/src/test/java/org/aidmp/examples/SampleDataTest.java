package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataTest {
  @Test
  void writesExactlyTheEventsAskedForAndEveryUserHasSome(@TempDir Path dir) throws Exception {
    SampleData.Written w =
        SampleData.builder().setUsers(500).setEvents(10_000).setSeed(1).get().writeTo(dir);
    List<String> events = Files.readAllLines(w.events());
    assertEquals(10_001, events.size(), "header + events");
    assertEquals("user_id,timestamp,event_type,item_id,category,amount", events.get(0));
    long users =
        events.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count();
    assertEquals(500, users);
    List<String> attrs = Files.readAllLines(w.users());
    assertTrue(attrs.size() > 501, "some attribute rows are exported twice");
  }

  @Test
  void theSameSeedWritesTheSameFiles(@TempDir Path dir) throws Exception {
    SampleData data = SampleData.builder().setUsers(200).setEvents(2_000).setSeed(9).get();
    SampleData.Written a = data.writeTo(dir.resolve("a"));
    SampleData.Written b = data.writeTo(dir.resolve("b"));
    assertArrayEquals(Files.readAllBytes(a.events()), Files.readAllBytes(b.events()));
    assertArrayEquals(Files.readAllBytes(a.users()), Files.readAllBytes(b.users()));
  }

  @Test
  void rejectsTooFewEventsPerUser() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SampleData.builder().setUsers(100).setEvents(150).get());
    assertTrue(e.getMessage().contains("at least twice users"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SampleData.builder().setUsers(0));
  }
}
