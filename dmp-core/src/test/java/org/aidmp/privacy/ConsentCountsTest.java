package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentCountsTest {
  @Test
  void tallyCountsStatusesAndWhatThePolicyAllows() {
    ConsentPolicy p = ConsentPolicy.builder().setUnknownAllowed(Purpose.ANALYTICS, true).get();
    ConsentCounts.Tally t =
        new ConsentCounts.Tally(p, List.of(Purpose.ANALYTICS, Purpose.ADVERTISING));
    t.add(Purpose.ANALYTICS, ConsentStatus.GRANTED);
    t.add(Purpose.ANALYTICS, ConsentStatus.UNKNOWN);
    t.add(Purpose.ANALYTICS, ConsentStatus.REFUSED);
    t.add(Purpose.ADVERTISING, ConsentStatus.UNKNOWN);
    ConsentCounts c = t.get();
    t.add(Purpose.ADVERTISING, ConsentStatus.GRANTED); // later adds do not change c
    assertEquals(2, c.allowed(Purpose.ANALYTICS));
    assertEquals(0, c.allowed(Purpose.ADVERTISING));
    assertEquals(1, c.total(Purpose.ADVERTISING));
    assertEquals(0, c.count(Purpose.PERSONALISATION, ConsentStatus.GRANTED));
    assertEquals(List.of(Purpose.ANALYTICS, Purpose.ADVERTISING), List.copyOf(c.purposes()));
    assertEquals(
        "analytics: granted 1, refused 1, unknown 1, allowed 2\n"
            + "advertising: granted 0, refused 0, unknown 1, allowed 0\n",
        c.toString());
  }
}
