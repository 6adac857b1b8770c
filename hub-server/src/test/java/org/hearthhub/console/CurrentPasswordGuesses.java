package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.testing.TestHub;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong current passwords typed into a form of one's own account (a password change, an app set-up) from one place,
 * as a stolen session would: they must be slowed and then locked out as wrong passwords at the sign-in form are.
 */
final class CurrentPasswordGuesses {
    /** One wrong guess sent; answered 403 while it is checked. */
    interface Guess {
        HttpResponse<Buffer> send(String password) throws Exception;
    }

    private CurrentPasswordGuesses() {
    }

    /** Guesses until the place is locked out, waiting out the waits on the hub's clock; asserts the slowing on the way. */
    static void untilLocked(TestHub hub, Guess guess) throws Exception {
        HttpResponse<Buffer> last = null;
        int guesses = 0;
        while (guesses < 50) {
            last = guess.send("guess " + guesses++);
            if (last.statusCode() != 403) break;
        }
        assertEquals(429, last.statusCode(), "still answered after " + guesses + " guesses: " + last.bodyAsString());
        assertTrue(guesses <= 3, "slowed from the third guess, as sign-ins are: " + guesses);
        for (int i = 0; i < 50 && !"locked".equals(last.bodyAsJsonObject().getString("reason")); i++) {
            if (last.statusCode() == 429) hub.clock.advance(Duration.ofSeconds(Long.parseLong(last.getHeader("Retry-After"))));
            else assertEquals(403, last.statusCode(), last.bodyAsString());
            last = guess.send("guess " + guesses++);
        }
        assertEquals("locked", last.bodyAsJsonObject().getString("reason"), last.bodyAsString());
    }
}
