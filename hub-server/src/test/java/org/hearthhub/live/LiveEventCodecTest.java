package org.hearthhub.live;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events between nodes of different versions during a rolling upgrade. */
class LiveEventCodecTest {

    @Test
    void aCallOfferFromANodeThatPredatesVoiceCallsIsAVideoCall() {
        String older = new JsonObject().put("type", "VideoOffered").put("conversation", "c1").put("advocate", "maria")
                .put("room", "room").put("url", "https://meet/room").put("domain", "meet").put("survivorJwt", "s")
                .put("advocateJwt", "a").encode();
        assertEquals(new LiveEvent.VideoOffered("c1", "maria", "room", "https://meet/room", "meet", "s", "a", "video"),
                LiveEventCodec.decode(older));
    }

    @Test
    void aVoiceCallOfferKeepsItsMediaAcrossNodes() {
        LiveEvent voice = new LiveEvent.VideoOffered("c1", "maria", "room", "https://meet/room", "meet", "s", "a", "audio");
        assertEquals(voice, LiveEventCodec.decode(LiveEventCodec.encode(voice)));
    }

    @Test
    void aPersonLeavingAProgramReachesEveryNodeByName() {
        LiveEvent left = new LiveEvent.LeftProgram("lupe");
        assertEquals(left, LiveEventCodec.decode(LiveEventCodec.encode(left)));
    }
}
