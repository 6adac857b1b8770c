package org.hearthhub.voice;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The hub's public URLs that Twilio fetches during a call. What a step needs to know (the conversation, the
 * ring) travels in the query string, which Twilio's signature covers, so it cannot be altered on the way.
 */
final class CallUrls {
    static final String INBOUND = "/voice/twilio";
    static final String LANGUAGE = "/voice/twilio/language";
    static final String WAITING = "/voice/twilio/wait";
    static final String LEFT = "/voice/twilio/left";
    static final String CONNECTING = "/voice/twilio/connecting";
    static final String HOLD = "/voice/twilio/hold";
    static final String WHISPER = "/voice/twilio/whisper";
    static final String PICKUP = "/voice/twilio/pickup";
    static final String STATUS = "/voice/twilio/status";

    /** The query parameter naming the program a call belongs to; absent for the default program, as before programs. */
    static final String PROGRAM = "program";

    private final String publicUrl;
    /** "" for the default program; else {@code program=<id>}, added to every URL. */
    private final String program;

    /** @param program the call's program, or null for the default program */
    CallUrls(String publicUrl, String program) {
        this.publicUrl = publicUrl;
        this.program = program == null ? "" : PROGRAM + "=" + enc(program);
    }

    String answerAgain() {
        return publicUrl + INBOUND + "?again=1" + (program.isEmpty() ? "" : "&" + program);
    }

    String language() {
        return publicUrl + LANGUAGE + (program.isEmpty() ? "" : "?" + program);
    }

    String waiting(String conversation) {
        return publicUrl + WAITING + "?c=" + enc(conversation) + scope();
    }

    String left(String conversation) {
        return publicUrl + LEFT + "?c=" + enc(conversation) + scope();
    }

    String hold(String conversation) {
        return publicUrl + HOLD + "?c=" + enc(conversation) + scope();
    }

    String connecting(String conversation) {
        return publicUrl + CONNECTING + "?c=" + enc(conversation) + scope();
    }

    String whisper(Ring ring) {
        return publicUrl + WHISPER + query(ring);
    }

    String pickup(Ring ring) {
        return publicUrl + PICKUP + query(ring);
    }

    /** The advocate leg's status callback; the caller leg's is the bare {@link #STATUS} set on the number. */
    String status(Ring ring) {
        return publicUrl + STATUS + query(ring);
    }

    private String query(Ring ring) {
        return "?c=" + enc(ring.conversation()) + "&a=" + enc(ring.advocate()) + "&t=" + enc(ring.attempt()) + scope();
    }

    private String scope() {
        return program.isEmpty() ? "" : "&" + program;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
