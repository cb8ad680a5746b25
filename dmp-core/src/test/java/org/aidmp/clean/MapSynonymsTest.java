package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.aidmp.clean.MapSynonyms.CaseSensitivity;
import org.aidmp.clean.MapSynonyms.Unmapped;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class MapSynonymsTest {
  private static final Schema S = Rows.strings("city", "note");

  private static MapSynonyms.Builder cities() {
    return MapSynonyms.builder().setColumns("city").map("New York", "NY", "new york");
  }

  @Test
  void mapsSynonymsToTheCanonicalValue() {
    MapSynonyms m = cities().get();
    assertEquals("New York", m.clean(Rows.row(S, 2, "NY", "NY")).get("city"));
    assertEquals("NY", m.clean(Rows.row(S, 2, "NY", "NY")).get("note"), "other columns stay");
    Record canonical = Rows.row(S, 2, "New York", "");
    assertSame(canonical, m.bind(S).clean(canonical));
    Record other = Rows.row(S, 2, "ny", "");
    assertSame(other, m.bind(S).clean(other), "case-sensitive by default");
  }

  @Test
  void caseInsensitiveMatchingIncludesTheCanonicalValue() {
    MapSynonyms m = cities().setCaseSensitivity(CaseSensitivity.INSENSITIVE).get();
    for (String s : new String[] {"ny", "Ny", "NEW YORK", "new york", "New york"}) {
      assertEquals("New York", m.clean(Rows.row(S, 2, s, "")).get("city"), s);
    }
  }

  @Test
  void unmappedValuesAreKeptOrRejected() {
    Record paris = Rows.row(S, 2, "Paris", "");
    assertSame(paris, cities().get().bind(S).clean(paris));
    MapSynonyms strict = cities().setUnmapped(Unmapped.REJECT).get();
    BadRecordException e = assertThrows(BadRecordException.class, () -> strict.clean(paris));
    assertEquals("city", e.column());
    Record missing = Rows.row(S, 2, null, "");
    assertSame(missing, strict.bind(S).clean(missing), "missing values are not categories");
  }

  @Test
  void allTextColumnsWhenNoneAreNamed() {
    MapSynonyms m = MapSynonyms.builder().map("yes", "y").get();
    Record out = m.clean(Rows.row(S, 2, "y", "y"));
    assertEquals("yes", out.get(0));
    assertEquals("yes", out.get(1));
  }

  @Test
  void conflictingSynonymsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> MapSynonyms.builder().map("A", "x").map("B", "x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MapSynonyms.builder()
                .map("A", "x")
                .map("B", "X")
                .setCaseSensitivity(CaseSensitivity.INSENSITIVE)
                .get());
    assertThrows(IllegalArgumentException.class, () -> MapSynonyms.builder().get());
  }

  @Test
  void mapAllAndToBuilder() {
    MapSynonyms m =
        MapSynonyms.builder().mapAll(Map.of("NY", "New York", "LA", "Los Angeles")).get();
    assertEquals("Los Angeles", m.synonyms().get("LA"));
    assertEquals("Los Angeles", m.synonyms().get("Los Angeles"));
    assertEquals(m.synonyms(), m.toBuilder().get().synonyms());
  }
}
