package org.hearthhub.sms;

import java.net.URI;

/**
 * Whose texts these are, as Twilio needs to know: the program's number (or messaging service SID) they come
 * from, and where Twilio reports what became of them.
 *
 * @param from null when the program has no SMS number (any more): nothing can be sent
 */
record SmsSender(String from, URI statusCallback) {
}
