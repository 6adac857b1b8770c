package org.hearthhub.ws;

import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Sender;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The plain-text messages one console sent and has its {@code ack} for: their echo (the same words
 * coming back for the advocate's other tabs) would tell this console nothing new, so it is not written
 * to it — one frame fewer for every advocate message. Referrals and partner cards are not listed:
 * their words are the hub's, and the console shows them from the echo. Synchronized: the store may settle a send on another thread than the socket's.
 */
final class OwnEchoes {
    /** A clientId whose echo never comes (its chat ended first, or it was a resend) must not stay for good. */
    private static final int MOST = 256;
    private final Set<String> awaited = new LinkedHashSet<>();

    synchronized void expect(String clientId) {
        awaited.add(clientId);
        if (awaited.size() > MOST) {
            Iterator<String> oldest = awaited.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized void forget(String clientId) {
        awaited.remove(clientId);
    }

    /** Whether this is the echo of a message this console sent as plain text: if so, it is now settled. */
    synchronized boolean absorbs(ChatMessage m) {
        return m.from() == Sender.ADVOCATE && m.clientId() != null && awaited.remove(m.clientId());
    }
}
