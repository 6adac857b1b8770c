package org.hearthhub.privacy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The live store's keys as docs/operations.md ("What the live Redis holds, and for how long") lists them, each with
 * the longest time to live the docs allow it, written after {@code hearth:{programId}:}.
 */
final class LiveKeys {
    /** retention.maxConversationHours, the conversation's hard cap. */
    static final Duration CAP = Duration.ofHours(12);
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** One line of the table: a key pattern and the longest TTL the docs give it. */
    record Documented(Pattern key, Duration longest) {
        static Documented of(String regex, Duration longest) {
            return new Documented(Pattern.compile(regex), longest);
        }
    }

    static final List<Documented> TABLE = List.of(
            Documented.of("conv:[^:]+(:msgs|:clients|:gone|:contacts)?", CAP),
            Documented.of("(token|contact):[^:]+", CAP),
            Documented.of("queue|live|active|away|shifts|waits", CAP),
            Documented.of("session:[0-9a-f]+", Duration.ofMinutes(30)),
            Documented.of("counter:starts", Duration.ofMinutes(1)),
            Documented.of("counter:rl:(msg|resume):[^:]+", Duration.ofMinutes(1)),
            Documented.of("counter:rl:referral:[^:]+", Duration.ofMinutes(10)),
            Documented.of("counter:sms:out:[^:]+:[a-z]+(:\\d+)?", Duration.ofMinutes(2)),
            Documented.of("counter:totp-used:[^:]+:\\d+", Duration.ofSeconds(90)),
            Documented.of("value:sms:sid:SM[0-9a-f]{32}", Duration.ofHours(6)),
            Documented.of("counter:sms:sent:[^:]+", CAP.plusMinutes(1)),
            Documented.of("counter:sms:auto:[^:]+:h|counter:sms:auto:hub", Duration.ofHours(1)),
            Documented.of("counter:sms:auto:[^:]+:d", Duration.ofDays(1)),
            Documented.of("value:sms:sent:[^:]+:\\d+", Duration.ofHours(6)),
            Documented.of("counter:login:[^:]+:[^:]+:[^:]+:fail", LOCKOUT),
            Documented.of("value:login:[^:]+:[^:]+:[^:]+:(wait|lock)", LOCKOUT),
            Documented.of("counter:login-codes:[^:]+:[^:]+:fail", LOCKOUT),
            Documented.of("value:login-codes:[^:]+:[^:]+:lock", LOCKOUT),
            Documented.of("counter:login-unknown:[^:]+:[^:]+:fail", LOCKOUT),
            Documented.of("value:login-unknown:[^:]+:[^:]+:lock", LOCKOUT),
            Documented.of("value:login-gen:[^:]+", Duration.ofDays(7)),
            Documented.of("value:user-sessions:[^:]+", Duration.ofDays(30)),
            Documented.of("value:sms:contact:[^:]+", CAP.plusMinutes(1)),
            Documented.of("value:(voice:(leg|call|ringleg|bridged|caller|withheld)|call:ringing):[^:]+", CAP.plusMinutes(1)),
            Documented.of("counter:voice:place:[^:]+", Duration.ofMinutes(2)),
            Documented.of("value:voice:missed:[^:]+", CAP),
            Documented.of("value:ended:[^:]+", Duration.ofMinutes(2)),
            // "value:… (feedback tickets, hashes of blocked or opted-out numbers)": retention.feedbackMinutes, 30 days, the lead's days
            Documented.of("value:feedback:[0-9a-f]{64}", Duration.ofMinutes(60)),
            Documented.of("value:sms:optout:[^:]+", Duration.ofDays(30)),
            Documented.of("value:sms:blocked:[^:]+", Duration.ofDays(30)));

    private LiveKeys() {
    }

    /** The key without its program prefix, as the in-memory store names it. */
    static String unprefixed(String key) {
        return key.replaceFirst("^hearth:\\{[^}]+\\}:", "");
    }

    static Documented line(String key) {
        String k = unprefixed(key);
        return TABLE.stream().filter(d -> d.key().matcher(k).matches()).findFirst().orElse(null);
    }

    static boolean documented(String key) {
        return line(key) != null;
    }
}
