package org.hearthhub.video;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Video offers through real sockets, with every token checked by nimbus-jose-jwt (not the jjwt that
 * signed it): signature with the right key and not with a wrong one, Jitsi's claims, room and expiry.
 */
class VideoOfferTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    static final Map<String, String> SELF_HOSTED = Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org",
            "HEARTH_JITSI_APP_ID", "hearth", "HEARTH_JITSI_APP_SECRET", SECRET);
    static final String TENANT = "vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe";
    static final String KID = TENANT + "/4f4910";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;

    record Chat(WsClient advocate, WsClient survivor, String id) {
    }

    /** A survivor's chat in {@code lang}, accepted by the given advocate socket. */
    private Chat chat(WsClient advocate, String lang) throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", lang);
        String id = survivor.await("started").getString("conversation");
        advocate.awaitMatching("queue", q -> q.getJsonArray("items").stream()
                .anyMatch(i -> id.equals(((JsonObject) i).getString("conversation"))));
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        return new Chat(advocate, survivor, id);
    }

    private static Map<String, Object> user(JWTClaimsSet claims) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) claims.getJSONObjectClaim("context").get("user");
        return user;
    }

    // ---------------------------------------------------------------- self-hosted Jitsi (HS256)

    @Test
    void selfHostedOfferGivesEachSideItsOwnTokenForOneUnguessableRoom() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        Instant now = hub.clock.instant();

        chat.advocate().send("video.offer", "conversation", chat.id());
        JsonObject atSurvivor = chat.survivor().await("video");
        JsonObject atAdvocate = chat.advocate().await("video");

        String room = atSurvivor.getString("room");
        assertTrue(room.matches("[A-Za-z0-9_-]{22,}"), "at least 128 random bits in base64url: " + room);
        assertEquals("meet.example.org", atSurvivor.getString("domain"));
        assertEquals("https://meet.example.org/" + room, atSurvivor.getString("url"));
        assertEquals(Set.of("type", "url", "domain", "room", "jwt", "media"), atSurvivor.fieldNames(), "nothing else reaches the survivor");
        assertEquals("video", atSurvivor.getString("media"), "an offer without media is a video call");
        assertEquals("video", atAdvocate.getString("media"));
        assertEquals(chat.id(), atAdvocate.getString("conversation"));
        assertEquals(room, atAdvocate.getString("room"));
        assertEquals(atSurvivor.getString("url"), atAdvocate.getString("url"));
        assertNotEquals(atSurvivor.getString("jwt"), atAdvocate.getString("jwt"));

        SignedJWT survivorJwt = SignedJWT.parse(atSurvivor.getString("jwt"));
        SignedJWT advocateJwt = SignedJWT.parse(atAdvocate.getString("jwt"));
        for (SignedJWT jwt : List.of(survivorJwt, advocateJwt)) {
            assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
            assertTrue(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))), "signed with the app secret");
            assertFalse(jwt.verify(new MACVerifier("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8))),
                    "a wrong secret must not verify");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertEquals("hearth", claims.getIssuer());
            assertInstanceOf(String.class, jwt.getPayload().toJSONObject().get("aud"), "aud is one string, not an array");
            assertEquals(List.of("jitsi"), claims.getAudience());
            assertEquals("meet.example.org", claims.getSubject());
            assertEquals(room, claims.getStringClaim("room"));
            assertEquals(now.getEpochSecond(), claims.getNotBeforeTime().toInstant().getEpochSecond());
            assertEquals(now.plus(Duration.ofMinutes(120)).getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond(),
                    "default token lifetime: two hours");
            assertEquals(Set.of("name", "moderator"), user(claims).keySet(), "a display name and the role, nothing else");
        }
        assertAdvocateModeratesAndSurvivorIsAGuest(advocateJwt, survivorJwt);
    }

    // ---------------------------------------------------------------- voice calls (audio only)

    @Test
    void voiceCallOfferReachesTheSurvivorMarkedAudioWithAValidTokenForTheConversationsRoom() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        Instant now = hub.clock.instant();

        chat.advocate().send("video.offer", "conversation", chat.id(), "media", "audio");
        JsonObject atSurvivor = chat.survivor().await("video");
        JsonObject atAdvocate = chat.advocate().await("video");
        assertEquals("audio", atSurvivor.getString("media"));
        assertEquals("audio", atAdvocate.getString("media"));
        assertEquals(Set.of("type", "url", "domain", "room", "jwt", "media"), atSurvivor.fieldNames(), "nothing else reaches the survivor");
        String room = atSurvivor.getString("room");
        assertEquals("https://meet.example.org/" + room, atSurvivor.getString("url"));
        assertEquals(room, atAdvocate.getString("room"));

        SignedJWT survivorJwt = SignedJWT.parse(atSurvivor.getString("jwt"));
        SignedJWT advocateJwt = SignedJWT.parse(atAdvocate.getString("jwt"));
        for (SignedJWT jwt : List.of(survivorJwt, advocateJwt)) {
            assertTrue(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))), "signed with the app secret");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertEquals("hearth", claims.getIssuer());
            assertEquals(List.of("jitsi"), claims.getAudience());
            assertEquals("meet.example.org", claims.getSubject());
            assertEquals(room, claims.getStringClaim("room"));
            assertEquals(now.getEpochSecond(), claims.getNotBeforeTime().toInstant().getEpochSecond());
            assertEquals(now.plus(Duration.ofMinutes(120)).getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond());
        }
        assertAdvocateModeratesAndSurvivorIsAGuest(advocateJwt, survivorJwt);

        // Video after voice (or the other way) is the same ephemeral room, joined differently.
        chat.advocate().send("video.offer", "conversation", chat.id(), "media", "video");
        JsonObject video = chat.survivor().await("video");
        assertEquals("video", video.getString("media"));
        assertEquals(room, video.getString("room"));
    }

    @Test
    void voiceAndVideoOffersAreAuditedApartWithTheChannelOnly() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        chat.advocate().send("video.offer", "conversation", chat.id(), "media", "audio");
        chat.survivor().await("video");
        chat.advocate().send("video.offer", "conversation", chat.id());
        chat.survivor().await("video");
        chat.advocate().send("video.offer", "conversation", chat.id(), "media", "audio");
        chat.survivor().await("video");

        List<AuditEntry> offers = TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .filter(e -> e.record().action().endsWith(".offer")).toList();
        assertEquals(List.of("audio.offer", "video.offer", "audio.offer"), offers.stream().map(e -> e.record().action()).toList());
        for (AuditEntry e : offers) {
            assertEquals("maria", e.record().actor());
            assertEquals("web", e.record().target(), "the channel, never the conversation");
            assertFalse(e.record().toString().contains(chat.id()), e.record().toString());
        }
    }

    @Test
    void anUnknownMediaIsABadRequestWithAClearMessageAndNothingIsOffered() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        List<Object> bad = List.of("screen", "AUDIO", "", " audio", "audio\u0000", 1, true, new JsonObject().put("media", "audio"),
                new io.vertx.core.json.JsonArray().add("audio"));
        for (Object media : bad) {
            chat.advocate().send(new JsonObject().put("type", "video.offer").put("conversation", chat.id()).put("media", media));
            JsonObject error = chat.advocate().await("error");
            assertEquals("bad_request", error.getString("code"), "media " + media);
            assertEquals(chat.id(), error.getString("conversation"));
            if (media instanceof String) {
                assertEquals("That kind of call is not known: offer a video call (media \"video\") or a voice call (media \"audio\").",
                        error.getString("message"));
            }
        }
        chat.advocate().expectNone("video", 300);
        chat.survivor().expectNone("video", 0);
        assertNull(TestHub.await(hub.hub.liveStore().peek("video:room:" + chat.id())), "no room was made");
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .noneMatch(e -> e.record().action().endsWith(".offer")), "nothing offered, nothing audited");

        // The conversation and the socket are fine: a good offer still goes through.
        chat.advocate().send("video.offer", "conversation", chat.id(), "media", "audio");
        assertEquals("audio", chat.survivor().await("video").getString("media"));
    }

    @Test
    void spanishSurvivorJoinsAsInvitado() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "es");
        chat.advocate().send("video.offer", "conversation", chat.id());
        SignedJWT jwt = SignedJWT.parse(chat.survivor().await("video").getString("jwt"));
        assertEquals("Invitado", user(jwt.getJWTClaimsSet()).get("name"));
    }

    @Test
    void tokensNeverOutliveTheConversation() throws Exception {
        hub = hubs.start(Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", SECRET, "HEARTH_RETENTION_MAX_CONVERSATION_HOURS", "1"));
        Instant created = hub.clock.instant();
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        hub.clock.advance(Duration.ofMinutes(25));

        chat.advocate().send("video.offer", "conversation", chat.id());
        JWTClaimsSet claims = SignedJWT.parse(chat.survivor().await("video").getString("jwt")).getJWTClaimsSet();
        assertEquals(created.plus(Duration.ofMinutes(25)).getEpochSecond(), claims.getNotBeforeTime().toInstant().getEpochSecond());
        assertEquals(created.plus(Duration.ofHours(1)).getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond(),
                "capped at the conversation's maximum lifetime, not now + 120 minutes");
    }

    @Test
    void tokenLifetimeIsConfigurable() throws Exception {
        hub = hubs.start(Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", SECRET, "HEARTH_JITSI_TOKEN_MINUTES", "15"));
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        chat.advocate().send("video.offer", "conversation", chat.id());
        JWTClaimsSet claims = SignedJWT.parse(chat.advocate().await("video").getString("jwt")).getJWTClaimsSet();
        assertEquals(Duration.ofMinutes(15), Duration.between(claims.getNotBeforeTime().toInstant(),
                claims.getExpirationTime().toInstant()));
    }

    // ---------------------------------------------------------------- 8x8 JaaS (RS256)

    @Test
    void jaasTokensAreSignedWithTheKeyPairAndTurnRecordingOff() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        Path pem = hubs.dataDir().resolveSibling(hubs.dataDir().getFileName() + "-jaas.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try {
            hub = hubs.start(Map.of("HEARTH_JITSI_DOMAIN", "8x8.vc", "HEARTH_JITSI_JAAS_KEY_ID", KID,
                    "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", pem.toString()));
        } finally {
            Files.delete(pem);
        }
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        Instant now = hub.clock.instant();

        chat.advocate().send("video.offer", "conversation", chat.id());
        JsonObject atSurvivor = chat.survivor().await("video");
        JsonObject atAdvocate = chat.advocate().await("video");
        String room = atSurvivor.getString("room");
        assertTrue(room.startsWith(TENANT + "/"), "JaaS rooms live under the tenant: " + room);
        String bareRoom = room.substring(TENANT.length() + 1);
        assertTrue(bareRoom.matches("[A-Za-z0-9_-]{22,}"), bareRoom);
        assertEquals("https://8x8.vc/" + room, atSurvivor.getString("url"));
        assertEquals("8x8.vc", atSurvivor.getString("domain"));

        SignedJWT survivorJwt = SignedJWT.parse(atSurvivor.getString("jwt"));
        SignedJWT advocateJwt = SignedJWT.parse(atAdvocate.getString("jwt"));
        for (SignedJWT jwt : List.of(survivorJwt, advocateJwt)) {
            assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
            assertEquals(KID, jwt.getHeader().getKeyID());
            assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())), "signed with the JaaS key");
            assertFalse(jwt.verify(new RSASSAVerifier((RSAPublicKey) other.getPublic())), "another key must not verify");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertEquals("chat", claims.getIssuer());
            assertInstanceOf(String.class, jwt.getPayload().toJSONObject().get("aud"), "aud is one string, not an array");
            assertEquals(List.of("jitsi"), claims.getAudience());
            assertEquals(TENANT, claims.getSubject());
            assertEquals(bareRoom, claims.getStringClaim("room"));
            assertEquals(now.minusSeconds(10).getEpochSecond(), claims.getNotBeforeTime().toInstant().getEpochSecond(),
                    "nbf back-dated for clock skew, as 8x8's samples do");
            assertEquals(now.plus(Duration.ofMinutes(120)).getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond());
            assertEquals(Set.of("name", "moderator", "id"), user(claims).keySet());
            assertTrue(((String) user(claims).get("id")).matches("[A-Za-z0-9_-]{22}"), "a random id per token");
            @SuppressWarnings("unchecked")
            Map<String, Object> features = (Map<String, Object>) claims.getJSONObjectClaim("context").get("features");
            for (String feature : List.of("recording", "livestreaming", "transcription", "outbound-call")) {
                assertEquals("false", features.get(feature), feature + " must be off");
            }
        }
        assertAdvocateModeratesAndSurvivorIsAGuest(advocateJwt, survivorJwt);
        assertNotEquals(user(survivorJwt.getJWTClaimsSet()).get("id"), user(advocateJwt.getJWTClaimsSet()).get("id"),
                "ids link no two tokens");
    }

    /** The advocate joins by name as moderator; the survivor as an anonymous guest, never moderator. */
    private static void assertAdvocateModeratesAndSurvivorIsAGuest(SignedJWT advocateJwt, SignedJWT survivorJwt) throws Exception {
        assertEquals("Advocate maria", user(advocateJwt.getJWTClaimsSet()).get("name"));
        assertEquals("true", user(advocateJwt.getJWTClaimsSet()).get("moderator"));
        assertEquals("Guest", user(survivorJwt.getJWTClaimsSet()).get("name"));
        assertEquals("false", user(survivorJwt.getJWTClaimsSet()).get("moderator"));
    }

    // ---------------------------------------------------------------- who may have a token, and when

    @Test
    void offerForAnEndedConversationIsNotFoundAndTheRoomIsForgotten() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        chat.advocate().send("video.offer", "conversation", chat.id());
        chat.survivor().await("video");
        chat.advocate().await("video");

        chat.survivor().send("end");
        chat.survivor().await("ended");
        chat.advocate().await("ended");
        assertNull(TestHub.await(hub.hub.liveStore().peek("video:room:" + chat.id())), "the room is forgotten at the end");

        chat.advocate().send("video.offer", "conversation", chat.id());
        JsonObject error = chat.advocate().await("error");
        assertEquals("not_found", error.getString("code"));
        assertEquals(chat.id(), error.getString("conversation"));
        chat.advocate().expectNone("video", 200);
    }

    @Test
    void offerForAConversationHeldByAnotherAdvocateIsForbidden() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        WsClient jose = hub.advocateOnShift("jose");

        jose.send("video.offer", "conversation", chat.id());
        JsonObject error = jose.await("error");
        assertEquals("forbidden", error.getString("code"));
        assertEquals(chat.id(), error.getString("conversation"));
        jose.expectNone("video", 200);
        chat.survivor().expectNone("video", 0);
        chat.advocate().expectNone("video", 0);
    }

    @Test
    void withoutVideoConfiguredTheOfferIsForbiddenWithAClearMessage() throws Exception {
        hub = hubs.start();
        assertFalse(hub.hub.videoRooms().videoEnabled());
        Chat chat = chat(hub.advocateOnShift("maria"), "en");

        chat.advocate().send("video.offer", "conversation", chat.id());
        JsonObject error = chat.advocate().await("error");
        assertEquals("forbidden", error.getString("code"));
        assertEquals("Video is not set up for this program.", error.getString("message"));
        chat.survivor().expectNone("video", 200);
    }

    @Test
    void aSurvivorNeverReceivesAnotherConversationsTokenAndCannotAskForOne() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        assertTrue(hub.hub.videoRooms().videoEnabled());
        WsClient maria = hub.advocateOnShift("maria");
        Chat first = chat(maria, "en");
        Chat second = chat(maria, "en");

        // The second survivor tries the advocate's frame, naming the first conversation: there is no such survivor frame.
        second.survivor().send("video.offer", "conversation", first.id());
        assertEquals("unknown_type", second.survivor().await("error").getString("code"));

        maria.send("video.offer", "conversation", first.id());
        String room = first.survivor().await("video").getString("room");
        maria.awaitMatching("video", v -> first.id().equals(v.getString("conversation")));
        second.survivor().expectNone("video", 300);

        // An offer in the second conversation is a different room, and only the second survivor gets it.
        maria.send("video.offer", "conversation", second.id());
        assertNotEquals(room, second.survivor().await("video").getString("room"));
        first.survivor().expectNone("video", 200);
    }

    @Test
    void aRepeatedOfferReusesTheRoomWithFreshTokens() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        chat.advocate().send("video.offer", "conversation", chat.id());
        JsonObject first = chat.survivor().await("video");
        hub.clock.advance(Duration.ofMinutes(5));
        chat.advocate().send("video.offer", "conversation", chat.id());
        JsonObject second = chat.survivor().await("video");
        assertEquals(first.getString("room"), second.getString("room"));
        assertNotEquals(first.getString("jwt"), second.getString("jwt"));
    }

    @Test
    void aTransferredConversationGetsANewRoom() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        WsClient jose = hub.advocateOnShift("jose");
        chat.advocate().send("video.offer", "conversation", chat.id());
        String marias = chat.survivor().await("video").getString("room");

        chat.advocate().send("transfer", "conversation", chat.id(), "to", "jose");
        jose.awaitMatching("conversation", c -> chat.id().equals(c.getString("conversation")));
        jose.send("video.offer", "conversation", chat.id());
        JsonObject offer = chat.survivor().await("video");
        assertNotEquals(marias, offer.getString("room"), "maria's moderator token must not open the new call");
        JWTClaimsSet claims = SignedJWT.parse(jose.await("video").getString("jwt")).getJWTClaimsSet();
        assertEquals("Advocate jose", user(claims).get("name"));
    }

    /**
     * An offer still being signed when its chat is passed to a colleague reaches neither of them as the colleague's call:
     * the moderator's token in it is the offering advocate's. (Published here as the late offer would publish it.)
     */
    @Test
    void aLateOfferOfTheAdvocateBeforeATransferGivesTheNewAdvocateNoToken() throws Exception {
        hub = hubs.start(SELF_HOSTED);
        Chat chat = chat(hub.advocateOnShift("maria"), "en");
        WsClient jose = hub.advocateOnShift("jose");
        chat.advocate().send("transfer", "conversation", chat.id(), "to", "jose");
        jose.awaitMatching("conversation", c -> chat.id().equals(c.getString("conversation")));

        hub.hub.liveStore().publish(new org.hearthhub.live.LiveEvent.VideoOffered(chat.id(), "maria", "late-room",
                "https://meet.example.org/late-room", "meet.example.org", "survivor.jwt", "marias.moderator.jwt", "video"));
        jose.expectNone("video", 300);
        chat.advocate().expectNone("video", 0);

        // Jose's own offer still reaches him.
        jose.send("video.offer", "conversation", chat.id());
        assertEquals("Advocate jose", user(SignedJWT.parse(jose.await("video").getString("jwt")).getJWTClaimsSet()).get("name"));
    }
}
