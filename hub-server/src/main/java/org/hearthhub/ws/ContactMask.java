package org.hearthhub.ws;

import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;

/** What an advocate sees of a survivor's contact: for SMS and calls only the last two digits, never the number. */
final class ContactMask {
    private ContactMask() {
    }

    static String mask(Conversation c) {
        if (c.channel() == Channel.WEB || c.contact() == null || c.contact().length() < 2) return null;
        return (c.channel() == Channel.PHONE ? "Phone" : "SMS") + " •••• " + c.contact().substring(c.contact().length() - 2);
    }
}
