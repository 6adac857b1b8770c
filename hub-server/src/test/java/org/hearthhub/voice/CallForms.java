package org.hearthhub.voice;

import org.hearthhub.testing.FakeTwilio;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The form parameters Twilio posts to voice webhooks, as the tests send them. */
final class CallForms {
    static final String HOTLINE = "+15550000001";
    /** The option that turns the hotline on, on top of the fake Twilio's. */
    static final Map<String, String> HOTLINE_ENV = Map.of("HEARTH_VOICE_NUMBER", HOTLINE);

    private CallForms() {
    }

    static Map<String, String> call(String callSid, String from) {
        Map<String, String> form = new HashMap<>();
        form.put("CallSid", callSid);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", from);
        form.put("To", HOTLINE);
        form.put("CallStatus", "ringing");
        form.put("Direction", "inbound");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    static Map<String, String> with(Map<String, String> form, String... namesAndValues) {
        Map<String, String> out = new HashMap<>(form);
        for (int i = 0; i < namesAndValues.length; i += 2) out.put(namesAndValues[i], namesAndValues[i + 1]);
        return out;
    }

    /** A fresh caller each time, also usable as a canary: "+1555" and seven random digits. */
    static String newNumber() {
        return FakeTwilio.newNumber();
    }

    static String newCallSid() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return "CA" + HexFormat.of().formatHex(b);
    }

    /** What a hub with the hotline on needs, against the fake Twilio. */
    static Map<String, String> hubEnv(FakeTwilio twilio) {
        Map<String, String> env = twilio.hubEnv();
        env.putAll(HOTLINE_ENV);
        return env;
    }
}
