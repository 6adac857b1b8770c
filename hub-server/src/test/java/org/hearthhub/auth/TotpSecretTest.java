package org.hearthhub.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotpSecretTest {
    @Test
    void aNewSecretIs160RandomBitsIn32Base32Characters() {
        String secret = TotpSecret.random();
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertEquals(20, TotpSecret.decode(secret).length);
        assertNotEquals(secret, TotpSecret.random());
    }

    @Test
    void decodesRfc4648VectorsAsPeopleCopyThem() {
        byte[] foobar = "foobar".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(foobar, TotpSecret.decode("MZXW6YTBOI======"));
        assertArrayEquals(foobar, TotpSecret.decode("MZXW6YTBOI"), "padding is optional");
        assertArrayEquals(foobar, TotpSecret.decode("mzxw 6ytb-oi"), "lower case, spaces and dashes as apps group them");
        assertArrayEquals("f".getBytes(StandardCharsets.US_ASCII), TotpSecret.decode("MY======"));
        assertArrayEquals(new byte[0], TotpSecret.decode(""));
    }

    @Test
    void refusesWhatIsNotABase32Secret() {
        // Characters outside the alphabet (0, 1, 8, 9, punctuation, other scripts) would be skipped by the codec.
        for (String bad : new String[]{"MZXW6YTBO1", "MZXW6YTBO0", "MZXW6YTBO8", "MZXW6YTBOI!", "MZXW6YTBOÉ", "MZXW6YTB\u0000OI",
                "<script>", "MZXW6YTBOI==x"}) {
            assertThrows(IllegalArgumentException.class, () -> TotpSecret.decode(bad), bad);
        }
        // Lengths and last characters that no encoding produces.
        for (String bad : new String[]{"M", "MZX", "MZXW6Y", "MZ", "MZXW6YTBOJ"}) {
            assertThrows(IllegalArgumentException.class, () -> TotpSecret.decode(bad), bad);
        }
    }
}
