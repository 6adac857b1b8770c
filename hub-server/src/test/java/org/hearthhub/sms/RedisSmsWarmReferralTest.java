package org.hearthhub.sms;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every warm referral by text again on a Redis live store: the moved texter's marks under each program's keys. */
class RedisSmsWarmReferralTest extends SmsWarmReferralTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    /**
     * Keys are hashes and ids; the number is a value only under the moved chat's own {@code sms:contact:} and its hash;
     * one moved mark (main's, the number texted) and one via mark (beside the live chat) are all the marks there are.
     */
    @Override
    void assertNumberOnlyBesideItsChat(String number, String program) {
        String digits = number.substring(2);
        redis.inspect(r -> {
            for (String key : r.keys("*")) {
                assertFalse(key.contains(digits), key);
                if (!"string".equals(r.type(key)) || key.contains("sms:contact:")) continue;
                String value = r.get(key);
                assertFalse(value != null && value.contains(digits), key + " holds the number");
            }
            java.util.List<String> moved = r.keys("*sms:moved:*");
            java.util.List<String> contacts = r.keys("*sms:contact:*");
            assertTrue(moved.size() == 1 && moved.get(0).startsWith("hearth:{main}:"), "the mark is the first program's: " + moved);
            assertTrue(contacts.size() == 1 && contacts.get(0).startsWith("hearth:{" + program + "}:"), "the number is the partner's now: " + contacts);
            java.util.List<String> via = r.keys("*sms:via:*");
            assertTrue(via.size() == 1 && via.get(0).startsWith("hearth:{" + program + "}:"), "one number to answer from, the live chat's: " + via);
        });
    }

    /** Neither the number nor a mark of the number to answer from, under riverside's keys. */
    @Override
    void assertNothingOfTheTexterAtRiverside(String number) {
        String digits = number.substring(2);
        redis.inspect(r -> {
            for (String key : r.keys("hearth:{riverside}:*")) {
                assertFalse(key.contains("sms:via:"), "no mark of a chat that never came: " + key);
                if (!"string".equals(r.type(key))) continue;
                String value = r.get(key);
                assertFalse(value != null && value.contains(digits), key + " holds the number");
            }
        });
    }

    @Override
    Map<String, String> liveEnv() {
        redis.flushAll();
        return Map.of("HEARTH_LIVE_REDIS_URL", redis.url());
    }
}
