package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.profile.live.Refusal;
import org.junit.jupiter.api.Test;

/**
 * The profile store's caps, each met by a hostile stream of a million events in a child JVM started
 * with {@value #XMX}: every event beyond a cap is refused with the cap's {@link Refusal} and the
 * child ends normally, never with an {@link OutOfMemoryError}. A control feeds the same stream of
 * new users to a store with the default user cap, sized for ordinary heaps, and the child must run
 * out of memory: the cap, not the stream, keeps the heap.
 */
class StoreCapsUnderSmallHeapTest {
  static final String XMX = "-Xmx48m";
  static final int EVENTS = 1_000_000;

  private static Result run(String mode) throws Exception {
    String cp = System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, XMX, "-XX:+UseSerialGC", "-cp", cp, Child.class.getName(), mode)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  private record Result(int exit, String out) {}

  @Test
  void newUsersBeyondTheUserCapAreRefused() throws Exception {
    Result r = run("users");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("accepted=20000 TOO_MANY_USERS=980000"), r.out());
  }

  @Test
  void withTheDefaultUserCapTheSameStreamRunsOutOfMemory() throws Exception {
    Result r = run("users-uncapped");
    assertTrue(r.exit() != 0, "the control was meant to exhaust " + XMX + ": " + r.out());
    assertTrue(r.out().contains("OutOfMemoryError"), r.out());
  }

  @Test
  void hostileTypesCategoriesItemsAndIdsAreRefusedAtTheirCaps() throws Exception {
    Result r = run("names");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("types: accepted=1024 TOO_MANY_TYPES=" + (EVENTS - 1024)), r.out());
    assertTrue(
        r.out().contains("categories: accepted=10000 TOO_MANY_CATEGORIES=" + (EVENTS - 10_000)),
        r.out());
    assertTrue(
        r.out().contains("items: accepted=10000 TOO_MANY_ITEMS=" + (EVENTS - 10_000)), r.out());
    assertTrue(r.out().contains("ids: accepted=0 USER_ID_TOO_LONG=" + EVENTS), r.out());
  }

  /** The child: feeds one hostile stream and prints what the store did with it. */
  public static final class Child {
    public static void main(String[] args) {
      switch (args[0]) {
        case "users" ->
            System.out.println(
                feed(
                    ProfileStore.builder().setMaxUsers(20_000).build(),
                    i -> event("u" + i, "view")));
        case "users-uncapped" ->
            System.out.println(feed(ProfileStore.builder().build(), i -> event("u" + i, "view")));
        case "names" -> {
          System.out.println(
              "types: " + feed(ProfileStore.builder().build(), i -> event("u1", "t" + i)));
          System.out.println(
              "categories: "
                  + feed(
                      ProfileStore.builder().setMaxCategories(10_000).build(),
                      i -> new Event("u1", i, "view", null, "c" + i, Double.NaN)));
          System.out.println(
              "items: "
                  + feed(
                      ProfileStore.builder().setDistinctItemLimit(100).setMaxItems(10_000).build(),
                      i -> new Event("u1", i, "view", "i" + i, null, Double.NaN)));
          // megabyte-long ids, a million times: refused without being kept
          String[] longIds = new String[10];
          for (int j = 0; j < longIds.length; j++) {
            longIds[j] = "x".repeat(1 << 20) + j;
          }
          System.out.println(
              "ids: "
                  + feed(
                      ProfileStore.builder().build(),
                      i -> event(longIds[i % longIds.length], "view")));
        }
        default -> throw new IllegalArgumentException(args[0]);
      }
    }

    private static Event event(String user, String type) {
      return new Event(user, 1_700_000_000_000L, type);
    }

    private static String feed(ProfileStore store, java.util.function.IntFunction<Event> events) {
      Map<String, Integer> outcomes = new TreeMap<>();
      for (int i = 0; i < EVENTS; i++) {
        Refusal refusal = LiveStore.of(store).offer(events.apply(i), null);
        outcomes.merge(refusal == null ? "accepted" : refusal.name(), 1, Integer::sum);
      }
      StringBuilder b = new StringBuilder();
      b.append("accepted=").append(outcomes.getOrDefault("accepted", 0));
      outcomes.forEach(
          (k, v) -> {
            if (!k.equals("accepted")) {
              b.append(' ').append(k).append('=').append(v);
            }
          });
      return b.toString();
    }
  }
}
