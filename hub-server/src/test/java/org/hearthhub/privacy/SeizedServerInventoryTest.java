package org.hearthhub.privacy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.InMemorySweep;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.Eventually;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.EveryHubLog;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.voice.TwimlAnswers;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/privacy.md's promise read as someone holding a seized server would read it: a realistic day on a real hub
 * (web chats ended by quick exit, by a quick exit's beacon with the socket down, safety exit and block, a video offer, an SMS conversation, an opt-out, a warm
 * referral with consent to a partner program, hotline calls (one answered by an advocate's phone, a second call from its
 * number refused, a withheld number's call hung up while waiting), staff sign-ins with a wrong password and an authenticator code, a
 * lead's settings change and password reset), every survivor-typed field carrying a canary. Then the clock moves
 * past each documented period, the hub's sweeps run, and everything it keeps is read: every file under the data
 * directory, everything the live store holds and the log output. Nothing a survivor typed, no number, address, user
 * agent or resume token may be found; every file is one docs/operations.md lists; every expiring key one it lists,
 * gone once its documented time has passed; Twilio's call SIDs only in the keys the docs name, as long as they say;
 * audit entries are kept to the minute and name no conversation.
 * {@link RedisSeizedServerInventoryTest} runs the same day on Redis and reads every key, its type and TTL.
 */
class SeizedServerInventoryTest {
    static final String SURVIVOR_ADDRESS = "127.0.0.77";
    static final String STAFF_ADDRESS = "127.0.0.66";
    static final Map<String, String> VIDEO = Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org",
            "HEARTH_JITSI_APP_ID", "hearth", "HEARTH_JITSI_APP_SECRET", "0123456789abcdef0123456789abcdef-test-secret");
    /** The default program's hotline number: the hotline is on. */
    static final String HOTLINE = "+15550000001";
    static final String ADVOCATE_PHONE = "+15550109876";

    /** Every file docs/operations.md ("What the data directory holds") lists, relative to the data directory. */
    static final List<Pattern> DOCUMENTED_FILES = List.of(
            Pattern.compile("programs/[a-z0-9-]+/(accounts|settings|programs|coalition-partners|keys)\\.json"),
            Pattern.compile("programs/[a-z0-9-]+/audit/audit-\\d{4}-\\d{2}\\.jsonl"),
            Pattern.compile("programs/[a-z0-9-]+/stats/\\d{4}-\\d{2}\\.json"),
            Pattern.compile("programs/[a-z0-9-]+/sharing/sharing-\\d{4}-\\d{2}\\.jsonl"),
            Pattern.compile("first-lead-password\\.txt"),
            Pattern.compile("sms-hmac\\.key"),
            Pattern.compile("hearth\\.lock"));

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().redisStores(this::redisStores).env(VIDEO)
            .env("HEARTH_VOICE_NUMBER", HOTLINE);
    FakeTwilio twilio;
    TestHub hub;
    HostedProgram main;
    HostedProgram riverside;
    EveryHubLog logs;
    LogCapture log;

    /** What must be found nowhere once the chats have ended. */
    final List<String> secrets = new ArrayList<>(List.of(SURVIVOR_ADDRESS, STAFF_ADDRESS));
    /** The conversations' ids: in no file, no settings key, no audit entry, no statistic. */
    final List<String> ids = new ArrayList<>();
    /** Twilio's SIDs of the day's calls (callers' legs and the advocate's): in no file or log line ever, in the live store as the docs say. */
    final List<String> callSids = new ArrayList<>();

    /** Memory and files here. */
    RedisStores redisStores() {
        return null;
    }

    @BeforeEach
    void start() throws Exception {
        logs = EveryHubLog.start();
        log = logs.capture;
        hubs.start();
        main = hub.hub.programs().defaultProgram();
        riverside = MovedChatCanaryTest.riversideAsPartnerOf(hub, main);
    }

    @AfterEach
    void stop() {
        logs.close();
    }

    @Test
    void aSeizedServerHoldsNothingOfADaysSurvivorsAndOnlyWhatTheDocsListForAsLongAsTheySay() throws Exception {
        Staff lena = staffDay();
        WsClient maria = hub.advocateOnShift("maria");
        WsClient rosa = hub.advocateOnShiftIn("riverside", "rosa");
        webChatEndedBy(maria, "exit", true);
        webChatEndedBy(maria, "beacon", false);
        webChatEndedBy(maria, "safety_exit", false);
        webChatEndedBy(maria, "block", false);
        textedConversation(maria);
        warmReferral(maria, rosa);
        hotlineCalls();
        leadWork(lena);

        Eventually.until("the day's staff ends are audited", () -> auditActions(main).stream()
                .filter(a -> a.equals("conversation.end")).count() >= 3);
        inventory("as the chats end");

        for (Duration step : List.of(Duration.ofMinutes(2).plusSeconds(5), Duration.ofMinutes(15), Duration.ofHours(12),
                Duration.ofDays(30), Duration.ofDays(366))) {
            hub.clock.advance(step);
            afterTheDay = afterTheDay.plus(step);
            sweep();
            inventory("after " + step);
        }
        assertOnlyKeysThatOutliveTheDay();
        // The newest entry stays whatever its age: the next one is chained to it.
        assertEquals(List.of("account.password.reset"), auditActions(main), "a year on, only main's newest audit entry is kept");
        assertEquals(List.of("conversation.end"), auditActions(riverside), "a year on, only riverside's newest audit entry is kept");
    }

    // ---------------------------------------------------------------- the day

    /** A signed-in staff member: the Cookie header and the session's CSRF token. */
    record Staff(String cookie, String csrf) {
    }

    /** The lead signs in after a wrong password, from an address and with a user agent that must be kept nowhere. */
    Staff staffDay() throws Exception {
        hub.addAccount("lena", Role.LEAD, List.of("en", "es"), 2);
        hub.addAccount("ana", Role.ADVOCATE, List.of("en"), 2);
        hub.addAccount("tess", Role.ADVOCATE, List.of("en"), 2);
        Account tess = await(hub.hub.accounts().account("tess")).orElseThrow();
        String totpSecret = TotpSecret.random();
        await(hub.hub.accounts().saveAccount(new Account("tess", tess.displayName(), Role.ADVOCATE, tess.passwordHash(), totpSecret,
                false, 2, List.of("en"), "en", tess.createdAt())));
        String userAgent = MovedChatCanaryTest.canary();
        secrets.add(userAgent);
        WebClient office = hub.clientFrom(STAFF_ADDRESS, 2);
        assertEquals(401, login(office, userAgent, "lena", "not the password", null).statusCode());
        assertEquals(401, login(office, userAgent, "nobody-" + userAgent, "typed into the wrong box", null).statusCode());
        assertEquals(401, login(office, userAgent, "tess", TestHub.PASSWORD, "000000").statusCode());
        HttpResponse<Buffer> tessIn = login(office, userAgent, "tess", TestHub.PASSWORD, totpCode(totpSecret));
        assertEquals(200, tessIn.statusCode(), tessIn.bodyAsString());
        HttpResponse<Buffer> in = login(office, userAgent, "lena", TestHub.PASSWORD, null);
        assertEquals(200, in.statusCode(), in.bodyAsString());
        String setCookie = in.cookies().get(0);
        return new Staff(setCookie.substring(0, setCookie.indexOf(';')), in.bodyAsJsonObject().getString("csrfToken"));
    }

    private String totpCode(String secret) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        SecretKeySpec key = new SecretKeySpec(TotpSecret.decode(secret), generator.getAlgorithm());
        return String.format(Locale.ROOT, "%06d", generator.generateOneTimePassword(key, hub.clock.instant()));
    }

    private static HttpResponse<Buffer> login(WebClient client, String userAgent, String username, String password, String totp)
            throws Exception {
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        if (totp != null) body.put("totp", totp);
        return await(client.post("/api/v1/login").putHeader("User-Agent", userAgent).sendJsonObject(body));
    }

    /** A lead's settings change and a password reset, the kinds of staff action the audit log keeps. */
    void leadWork(Staff lena) throws Exception {
        JsonObject hours = lead(HttpMethod.GET, "/api/v1/lead/hours", lena, null).bodyAsJsonObject();
        HttpResponse<Buffer> saved = lead(HttpMethod.PUT, "/api/v1/lead/hours", lena, hours);
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        HttpResponse<Buffer> reset = lead(HttpMethod.POST, "/api/v1/lead/staff/ana/password", lena,
                new JsonObject().put("password", "a new passphrase for ana"));
        assertEquals(204, reset.statusCode(), reset.bodyAsString());
    }

    private HttpResponse<Buffer> lead(HttpMethod method, String path, Staff who, JsonObject body) throws Exception {
        var request = hub.http().request(method, hub.port(), "localhost", path)
                .putHeader("Cookie", who.cookie()).putHeader("X-CSRF-Token", who.csrf());
        return await(body == null ? request.send() : request.sendJsonObject(body));
    }

    /** A web chat from {@link #SURVIVOR_ADDRESS} with canaries on both sides, taken by maria, ended as {@code how}. */
    void webChatEndedBy(WsClient maria, String how, boolean withVideo) throws Exception {
        String canary = MovedChatCanaryTest.canary();
        WsClient survivor = hub.survivorFrom(SURVIVOR_ADDRESS);
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        remember(id, started.getString("token"));
        secrets.add(canary);
        survivor.send("message", "clientId", "s1", "text", "I live at " + canary + ", please don't call");
        survivor.await("ack");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        maria.send("message", "conversation", id, "clientId", "a-" + how, "text", "Understood, I won't call " + canary);
        survivor.awaitMatching("message", m -> m.getString("text").contains("won't call"));
        if (withVideo) {
            maria.send("video.offer", "conversation", id);
            String room = survivor.await("video").getString("room");
            secrets.add(room);
            assertTrue(liveHolds(room), "the video room is kept beside the chat while it lasts");
        }
        assertTrue(liveHolds(canary), "the live store holds the chat while it lasts");
        switch (how) {
            case "exit" -> survivor.send("exit");
            case "beacon" -> {
                survivor.kill(); // the widget is reconnecting: its quick exit goes as a beacon
                HttpResponse<Buffer> r = await(hub.clientFrom(SURVIVOR_ADDRESS, 1).post("/api/v1/exit")
                        .putHeader("Origin", hub.publicUrl()).sendBuffer(Buffer.buffer(new JsonObject().put("token", started.getString("token")).encode())));
                assertEquals(204, r.statusCode());
            }
            case "safety_exit" -> maria.send("end", "conversation", id, "safetyExit", true);
            case "block" -> maria.send("block", "conversation", id);
            default -> fail(how);
        }
        maria.awaitMatching("ended", e -> id.equals(e.getString("conversation")));
    }

    /** A texter with a canary number and canary words, answered by maria and ended by her; another texter opts out. */
    void textedConversation(WsClient maria) throws Exception {
        String texter = FakeTwilio.newNumber();
        String canary = MovedChatCanaryTest.canary();
        secrets.add(canary);
        secrets.add(texter.substring(2));
        text(texter, "I live at " + canary + ", he reads my phone");
        String id = maria.awaitMatching("queue", q -> q.getJsonArray("items").stream()
                        .anyMatch(i -> "sms".equals(((JsonObject) i).getString("channel"))))
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(i -> "sms".equals(i.getString("channel"))).findFirst().orElseThrow().getString("conversation");
        ids.add(id);
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        maria.send("message", "conversation", id, "clientId", "m-sms", "text", "I won't call you at " + canary);
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains(canary));
        assertTrue(liveHolds(texter.substring(2)), "the number is kept beside the conversation while it lasts");
        Eventually.until("a failed delivery could still reach maria while the chat lasts", () -> !sidKeys().isEmpty());
        maria.send("end", "conversation", id);
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().startsWith("This conversation has ended"));
        // A Twilio SID, which Twilio's log ties to the number, beside the chat's id: nobody is left to tell of a failure.
        Eventually.until("the ended chat's texts' SIDs are forgotten", () -> sidKeys().isEmpty());

        String optedOut = FakeTwilio.newNumber();
        secrets.add(optedOut.substring(2));
        text(optedOut, "STOP");
    }

    void text(String from, String body) throws Exception {
        assertEquals(200, hub.twilioWebhook("/sms/twilio", FakeTwilio.inboundText(from, FakeTwilio.FROM, body)).statusCode());
    }

    /** A web chat maria refers to Riverside with consent and its transcript; rosa takes it there and ends it. */
    void warmReferral(WsClient maria, WsClient rosa) throws Exception {
        String before = MovedChatCanaryTest.canary();
        String reason = MovedChatCanaryTest.canary();
        String after = MovedChatCanaryTest.canary();
        secrets.addAll(List.of(before, reason, after));
        WsClient survivor = hub.survivorFrom(SURVIVOR_ADDRESS);
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String first = started.getString("conversation");
        remember(first, started.getString("token"));
        survivor.send("message", "clientId", "s1", "text", "I live at " + before);
        survivor.await("ack");
        maria.send("accept", "conversation", first);
        maria.awaitMatching("conversation", c -> first.equals(c.getString("conversation")));
        maria.send("referral.propose", "conversation", first, "partner", "p-river", "reason", "They have a bed near " + reason);
        String offer = survivor.await("referral.offer").getString("offer");
        survivor.send(new JsonObject().put("type", "referral.answer").put("offer", offer).put("accept", true).put("share", "transcript"));
        JsonObject moved = survivor.await("moved");
        String there = moved.getString("conversation");
        remember(there, moved.getString("token"));
        WsClient resumed = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=riverside", null, null, SURVIVOR_ADDRESS);
        resumed.send("resume", "token", moved.getString("token"), "lastSeq", 0);
        resumed.await("resumed");
        rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        rosa.send("accept", "conversation", there);
        rosa.awaitMatching("conversation", c -> there.equals(c.getString("conversation")));
        resumed.await("assigned");
        resumed.send("message", "clientId", "s2", "text", "Now I am at " + after);
        rosa.awaitMatching("message", m -> m.getString("text").contains(after));
        rosa.send("end", "conversation", there);
        assertEquals("advocate", resumed.await("ended").getString("reason"));
        Eventually.until("the referral is in the register", () -> !await(main.store().sharingEntries(java.time.YearMonth.from(hub.clock.instant().atZone(java.time.ZoneOffset.UTC)))).isEmpty());
    }

    /**
     * Calls to the hotline: one queued, answered on cora's program phone (rung through the real Twilio SDK against the
     * fake Calls API) and hung up by the caller after talking; a second call from its number while it lasts, refused;
     * and a call from a withheld number whose caller hangs up while waiting. Twilio reports each caller leg's end, and
     * the advocate leg's, as it does for every call.
     */
    void hotlineCalls() throws Exception {
        hub.addAccount("cora", Role.ADVOCATE, List.of("en"), 1);
        Account account = await(hub.hub.accounts().account("cora")).orElseThrow();
        await(hub.hub.accounts().saveAccount(account.withPhone(ADVOCATE_PHONE)));
        WsClient cora = hub.advocateOnShift("cora");
        String caller = FakeTwilio.newNumber();
        secrets.add(caller.substring(2));

        String callSid = newCallSid();
        Element enqueue = callerChooses(callSid, caller);
        String id = queryParam(enqueue.getAttribute("waitUrl"), "c");
        ids.add(id);
        assertTrue(liveHolds(caller.substring(2)), "the number is kept beside the call while it lasts");

        String second = newCallSid();
        Element refused = callerChooses(second, caller);
        assertEquals("Hangup", refused.getTagName(), "a second call from the number is not queued");
        callerLegOver(second, caller);

        String withheld = newCallSid();
        Element waiting = callerChooses(withheld, "anonymous");
        String withheldId = queryParam(waiting.getAttribute("waitUrl"), "c");
        ids.add(withheldId);
        voiceStep(waiting.getAttribute("action"), with(callForm(withheld, "anonymous"), "QueueResult", "hangup"));
        callerLegOver(withheld, "anonymous");

        cora.send("accept", "conversation", id);
        FakeTwilio.CallRequest ring = twilio.awaitCall(FakeTwilio.CallRequest::placesCall);
        Map<String, String> leg = with(callForm(ring.newSid(), HOTLINE), "To", ADVOCATE_PHONE, "Direction", "outbound-api");
        Element gather = TwimlAnswers.only(voiceStep(ring.url(), leg), "Gather");
        TwimlAnswers.only(voiceStep(gather.getAttribute("action"), with(leg, "Digits", "1")), "Dial");
        cora.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        voiceStep(enqueue.getAttribute("action"), with(callForm(callSid, caller), "QueueResult", "bridged"));
        assertEquals("survivor", cora.awaitMatching("ended", e -> id.equals(e.getString("conversation"))).getString("reason"));
        callerLegOver(callSid, caller);
        assertEquals(204, await(signedPost(ring.statusCallback(), with(leg, "CallStatus", "completed"))).statusCode());
        callSids.addAll(List.of(callSid, second, withheld, ring.newSid()));
    }

    /** A call arrives and its caller presses 1 for English: the TwiML verb the language step ends with (Enqueue, Hangup). */
    private Element callerChooses(String callSid, String from) throws Exception {
        voiceStep("/voice/twilio", callForm(callSid, from));
        Element answer = voiceStep("/voice/twilio/language", with(callForm(callSid, from), "CallStatus", "in-progress", "Digits", "1"));
        List<Element> verbs = TwimlAnswers.all(answer, "*");
        return verbs.get(verbs.size() - 1);
    }

    /** Twilio's status report of a caller's leg, which it sends at the end of every call. */
    private void callerLegOver(String callSid, String from) throws Exception {
        assertEquals(204, await(signedPost("/voice/twilio/status", with(callForm(callSid, from), "CallStatus", "completed"))).statusCode());
    }

    private Element voiceStep(String url, Map<String, String> form) throws Exception {
        HttpResponse<Buffer> answer = await(signedPost(url, form));
        assertEquals(200, answer.statusCode(), answer.bodyAsString());
        return TwimlAnswers.parse(answer.bodyAsString());
    }

    private io.vertx.core.Future<HttpResponse<Buffer>> signedPost(String url, Map<String, String> form) {
        String path = url.startsWith("http") ? url.substring(hub.publicUrl().length()) : url;
        return hub.postForm(path, form, TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + path, form));
    }

    private static Map<String, String> callForm(String callSid, String from) {
        return new HashMap<>(Map.of("CallSid", callSid, "AccountSid", FakeTwilio.ACCOUNT_SID, "From", from, "To", HOTLINE,
                "CallStatus", "ringing", "Direction", "inbound", "ApiVersion", "2010-04-01"));
    }

    private static Map<String, String> with(Map<String, String> form, String... namesAndValues) {
        Map<String, String> out = new HashMap<>(form);
        for (int i = 0; i < namesAndValues.length; i += 2) out.put(namesAndValues[i], namesAndValues[i + 1]);
        return out;
    }

    private static String newCallSid() {
        return "CA" + Ids.sha256Hex(MovedChatCanaryTest.canary()).substring(0, 32);
    }

    private static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private void remember(String id, String token) {
        ids.add(id);
        secrets.add(token);
        secrets.add(Ids.sha256Hex(token));
    }

    // ---------------------------------------------------------------- what a seized server holds

    /** The hub's periodic jobs, as their timers would have run them by now. */
    void sweep() throws Exception {
        for (HostedProgram p : hub.hub.programs().all()) {
            await(p.conversations().timeouts().sweep());
            await(p.store().pruneAudit(hub.hub.config().retention().auditDays(), AuditCap.of(hub.hub.config().retention())));
        }
        sweepLive();
    }

    /** The in-memory store's own sweep (a Redis expires its keys itself). */
    void sweepLive() {
        for (HostedProgram p : hub.hub.programs().all()) InMemorySweep.run(memory(p));
    }

    private static InMemoryLiveStore memory(HostedProgram p) {
        return (InMemoryLiveStore) LoopConfined.target(p.live());
    }

    /** Everything kept, searched and named against the docs, at one moment after the chats ended. */
    void inventory(String when) throws Exception {
        Path dir = hub.dataDir;
        DataFiles.read(dir).forEach((file, content) -> {
            String name = dir.relativize(file).toString().replace('\\', '/');
            assertTrue(DOCUMENTED_FILES.stream().anyMatch(p -> p.matcher(name).matches()),
                    when + ": " + name + " is a file docs/operations.md does not list");
            for (String secret : secretsAndIds()) assertFalse(content.contains(secret), when + ": " + name + " holds " + secret);
        });
        for (String secret : secrets) assertFalse(liveHolds(secret), when + ": the live store holds " + secret);
        callSidsAsDocumented(when);
        for (String secret : secretsAndIds()) assertFalse(settingsHold(secret), when + ": the settings store holds " + secret);
        liveKeysAsDocumented(when);

        String logged = log.all();
        assertTrue(logged.contains("org.hearthhub"), "the capture hears the hub");
        for (String secret : secrets) assertFalse(logged.contains(secret), when + ": the log output holds " + secret);
        // The fake Twilio's router, in this JVM, logs each request it receives: Twilio's side, not the hub's.
        List<String> hubLines = logged.lines().filter(l -> !l.contains("accepting request") || !l.contains("http://api.twilio.com")).toList();
        for (String sid : callSids) {
            assertEquals(List.of(), hubLines.stream().filter(l -> l.contains(sid)).toList(), when + ": log lines name the call SID " + sid);
        }

        for (HostedProgram p : List.of(main, riverside)) {
            for (AuditEntry e : await(p.store().auditEntries(0, 10_000))) {
                Instant at = e.record().at();
                assertEquals(0, at.getEpochSecond() % 60 + at.getNano(), when + ": an audit entry finer than the minute: " + e.record());
                for (String id : ids) assertFalse(String.valueOf(e.record()).contains(id), when + ": an audit entry names " + id);
            }
        }
    }

    /**
     * Every call is over. docs/operations.md has a call's SIDs taken from the live store when it ends, but for the mark
     * that the call is gone ({@code value:voice:call:CALLSID} → {@code !gone}), which the caller leg's end as Twilio
     * reports it leaves for ten minutes, so that a step of the call still on its way queues nothing. The advocate's leg
     * leaves nothing.
     */
    void callSidsAsDocumented(String when) throws Exception {
        List<String> found = new ArrayList<>();
        for (String sid : callSids) {
            if (valuesHold(sid)) found.add("a value holds " + sid);
            for (String key : liveKeysNaming(sid)) {
                String mark = await(main.live().peek("voice:call:" + sid));
                boolean goneMark = LiveKeys.unprefixed(key).equals("value:voice:call:" + sid) && "!gone".equals(mark)
                        && goneMarkLivesAtMost(key, GONE_MARK);
                if (!goneMark) found.add(key + " = " + mark + ", " + afterTheDay + " after the day");
            }
        }
        assertEquals(List.of(), found, when + ": the live store names the day's call SIDs " + callSids);
    }

    /** How long docs/operations.md keeps the mark that a call is gone. */
    static final Duration GONE_MARK = Duration.ofMinutes(10);
    /** How far the clock has moved since the day ended. */
    Duration afterTheDay = Duration.ZERO;

    /** Whether a value of the live store (not a key's name) holds the text. */
    boolean valuesHold(String text) {
        return liveHolds(text);
    }

    /** Whether the key may still be there, {@code longest} being its time to live: here, the clock has not passed it since the day. */
    boolean goneMarkLivesAtMost(String key, Duration longest) {
        return afterTheDay.compareTo(longest) < 0;
    }

    /** The live keys, in every program's store, whose names contain {@code text}. */
    List<String> liveKeysNaming(String text) {
        List<String> out = new ArrayList<>();
        for (HostedProgram p : hub.hub.programs().all()) {
            for (String key : memory(p).expiringKeysHeld()) if (key.contains(text)) out.add(key);
        }
        return out;
    }

    private List<String> secretsAndIds() {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(ids);
        all.addAll(callSids);
        return all;
    }

    private static List<String> auditActions(HostedProgram p) throws Exception {
        return await(p.store().auditEntries(0, 10_000)).stream().map(e -> e.record().action()).toList();
    }

    /**
     * Every expiring value, counter and session each program's live store holds, named as docs/operations.md names
     * them, and each gone by the time the docs give it: the sweeps have run with the clock past it.
     */
    void liveKeysAsDocumented(String when) {
        List<String> undocumented = new ArrayList<>();
        for (HostedProgram p : hub.hub.programs().all()) {
            for (String key : memory(p).expiringKeysHeld()) if (!LiveKeys.documented(key)) undocumented.add(p.id() + ":" + key);
        }
        assertEquals(List.of(), undocumented, when + ": live keys docs/operations.md does not list");
    }

    /** The live keys naming a Twilio SID, in every program's store. */
    List<String> sidKeys() {
        List<String> out = new ArrayList<>();
        for (HostedProgram p : hub.hub.programs().all()) {
            for (String key : memory(p).expiringKeysHeld()) if (key.startsWith("value:sms:sid:")) out.add(key);
        }
        return out;
    }

    /**
     * A year on, no key the day wrote with an expiry is left in the live store: the longest-lived of them, the lock
     * generations ({@code value:login-gen:USERNAME}), live 7 days (operations.md's key table).
     */
    void assertOnlyKeysThatOutliveTheDay() {
        for (HostedProgram p : hub.hub.programs().all()) {
            assertEquals(List.of(), memory(p).expiringKeysHeld(), p.id() + "'s live store a year on");
        }
    }

    boolean liveHolds(String text) {
        return hub.hub.programs().all().stream().anyMatch(p -> memory(p).containsText(text));
    }

    /** Whether a settings store outside the data directory (none here) holds the text. */
    boolean settingsHold(String text) {
        return false;
    }
}
