package org.hearthhub.guard;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProofOfWorkTest {

    @Test
    void leadingZeroBitsAreCountedAcrossBytes() {
        assertEquals(0, ProofOfWork.leadingZeroBits(new byte[]{(byte) 0x80, 0}));
        assertEquals(7, ProofOfWork.leadingZeroBits(new byte[]{1, 0}));
        assertEquals(12, ProofOfWork.leadingZeroBits(new byte[]{0, 0x0f, (byte) 0xff}));
        assertEquals(16, ProofOfWork.leadingZeroBits(new byte[]{0, 0}));
    }

    /** The nonce the widget would find (counting from 0) is accepted; the hash really has that many zero bits. */
    @Test
    void aNonceIsAProofExactlyWhenItsHashHasEnoughZeroBits() {
        String challenge = ProofOfWork.newChallenge();
        long n = 0;
        while (!ProofOfWork.solves(challenge, Long.toString(n), 12)) n++;
        BigInteger hash = new BigInteger(1, ProofOfWork.sha256(challenge + ":" + n));
        assertTrue(hash.bitLength() <= 256 - 12, "SHA-256(challenge:nonce) starts with 12 zero bits");
        for (long m = 0; m < n; m++) {
            assertTrue(new BigInteger(1, ProofOfWork.sha256(challenge + ":" + m)).bitLength() > 256 - 12, "no earlier nonce qualified");
        }
        assertFalse(ProofOfWork.solves(ProofOfWork.newChallenge(), Long.toString(n), 30), "a proof belongs to its challenge");
    }

    @Test
    void malformedProofsAreRefusedWithoutHashing() {
        String challenge = ProofOfWork.newChallenge();
        assertFalse(ProofOfWork.solves(challenge, "", 0));
        assertFalse(ProofOfWork.solves(challenge, "1".repeat(ProofOfWork.MAX_NONCE_CHARS + 1), 0));
        assertFalse(ProofOfWork.solves(null, "1", 0));
        assertTrue(ProofOfWork.solves(challenge, "1", 0));
    }

    @Test
    void challengesAreFreshEachTime() {
        assertNotEquals(ProofOfWork.newChallenge(), ProofOfWork.newChallenge());
    }
}
