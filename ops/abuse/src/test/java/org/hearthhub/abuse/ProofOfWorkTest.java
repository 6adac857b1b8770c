package org.hearthhub.abuse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProofOfWorkTest {
    @Test
    void aSolvedChallengeHasTheLeadingZeroBitsAsked() throws Exception {
        String nonce = ProofOfWork.solve("abc123", 12);
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("abc123:" + nonce).getBytes(StandardCharsets.UTF_8));
        assertTrue(ProofOfWork.leadingZeroBits(digest) >= 12);
        assertEquals(16, ProofOfWork.leadingZeroBits(new byte[]{0, 0, (byte) 0x80}));
        assertEquals(19, ProofOfWork.leadingZeroBits(new byte[]{0, 0, 0x10}));
    }
}
