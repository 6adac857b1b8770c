package org.hearthhub.testing;

import io.vertx.core.json.JsonObject;
import org.hearthhub.guard.ProofOfWork;

/** Pays a hub's proof-of-work challenge the way the widget does, by counting nonces up from 0. */
public final class Proofs {
    private Proofs() {
    }

    /** The nonce answering a {@code challenge} frame. */
    public static String solve(JsonObject challenge) {
        String c = challenge.getString("challenge");
        int bits = challenge.getInteger("bits");
        for (long n = 0; ; n++) {
            if (ProofOfWork.solves(c, Long.toString(n), bits)) return Long.toString(n);
        }
    }
}
