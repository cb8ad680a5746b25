package org.aidmp.privacy;

import static org.aidmp.privacy.ConsentStatus.GRANTED;
import static org.aidmp.privacy.ConsentStatus.REFUSED;
import static org.aidmp.privacy.ConsentStatus.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConsentStatusTest {
  @Test
  void everyDocumentedRefusalIsRead() {
    for (Object v :
        new Object[] {
          Boolean.FALSE,
          "false",
          "FALSE",
          " no ",
          "No",
          "n",
          "0",
          0,
          0L,
          0.0,
          "refused",
          "denied",
          "opt-out",
          "opt_out",
          "optout",
          "off",
          "revoked",
          "withdrawn"
        }) {
      assertEquals(REFUSED, ConsentStatus.parse(v), String.valueOf(v));
    }
  }

  @Test
  void everyDocumentedGrantIsRead() {
    for (Object v :
        new Object[] {
          Boolean.TRUE,
          "true",
          "True",
          "yes",
          "Y",
          "1",
          1,
          1L,
          1.0,
          "granted",
          "opt-in",
          "opt_in",
          "optin",
          "on",
          "accepted"
        }) {
      assertEquals(GRANTED, ConsentStatus.parse(v), String.valueOf(v));
    }
  }

  @Test
  void anythingUnreadableIsUnknownAndNeverConsent() {
    for (Object v : new Object[] {null, "", "  ", "maybe", "yes please", "2", 2, -1, 0.5, 'y'}) {
      assertEquals(UNKNOWN, ConsentStatus.parse(v), String.valueOf(v));
    }
  }
}
