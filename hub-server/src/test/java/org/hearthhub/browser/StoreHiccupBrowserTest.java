package org.hearthhub.browser;

import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.codec.StringCodec;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The survivor's widget when the hub's live Redis cannot take a message for a few seconds (a Sentinel
 * failover): the survivor is told, and the message goes again by itself and arrives once.
 */
class StoreHiccupBrowserTest extends BrowserTestBase {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Test
    void aMessageRefusedWhileTheLiveRedisIsAwayGoesAgainByItselfAndArrivesOnce() throws Exception {
        restartHub(Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "I'm listening.");
        line("I'm listening.");
        advocate.awaitMatching("ack", m -> m.getLong("seq") == 1); // the console's own message, settled

        // Redis holds every client's commands for 3 s: the hub gives up on the message after its 2 s command timeout.
        redis.inspect(r -> r.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(3000).add("WRITE")));
        type("are you there?");
        browser.withText(By.id("chat-error"), "Something went wrong");

        advocate.awaitFrame(m -> "message".equals(m.getString("type")) && "are you there?".equals(m.getString("text")), 15_000);
        advocate.expectNone("message", 500);
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Yes, still here.");
        line("Yes, still here.");
        assertEquals(List.of("I'm listening.", "are you there?", "Yes, still here."), lines());
    }
}
