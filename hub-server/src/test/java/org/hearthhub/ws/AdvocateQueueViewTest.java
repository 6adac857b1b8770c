package org.hearthhub.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A long queue reaches an advocate as its oldest conversations plus a total, not as one huge list. */
class AdvocateQueueViewTest {
    // Sixty survivors from one test: one source.
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000");
    TestHub hub;

    @Test
    void advocateSeesTheOldestFiftyAndHowManyWait() throws Exception {
        int waiting = QueueViews.LIMIT + 10;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            // Each from its own address: 60 chats from one source would meet the per-source start guard.
            WsClient s = hub.survivorFrom("127.0.0." + (10 + i));
            s.send("start", "lang", "en");
            ids.add(s.await("started").getString("conversation"));
        }
        WsClient advocate = hub.advocateOnShift("maria");
        JsonObject queue = advocate.awaitMatching("queue", q -> q.getInteger("total", 0) == waiting);
        JsonArray items = queue.getJsonArray("items");
        assertEquals(QueueViews.LIMIT, items.size());
        for (int i = 0; i < items.size(); i++) {
            assertEquals(ids.get(i), items.getJsonObject(i).getString("conversation"), "oldest first");
        }

        advocate.send("accept", "conversation", ids.get(0));
        advocate.await("conversation");
        JsonObject moved = advocate.awaitMatching("queue", q -> q.getInteger("total") == waiting - 1);
        assertEquals(ids.get(1), moved.getJsonArray("items").getJsonObject(0).getString("conversation"));
        assertEquals(ids.get(QueueViews.LIMIT), moved.getJsonArray("items").getJsonObject(QueueViews.LIMIT - 1).getString("conversation"),
                "the next one in line moves into view");
    }
}
