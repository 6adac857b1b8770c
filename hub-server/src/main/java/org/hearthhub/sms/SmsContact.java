package org.hearthhub.sms;

import org.hearthhub.i18n.Languages;

/**
 * A texter as the live store keeps it beside a conversation: the number (purged at the end) and the
 * language replies go out in, which a texter may switch mid-conversation with ESPAÑOL or ENGLISH.
 */
record SmsContact(String number, String lang) {

    String encode() {
        return lang + "|" + number;
    }

    static SmsContact decode(String value) {
        if (value == null) return null;
        int bar = value.indexOf('|');
        if (bar < 0) return new SmsContact(value, Languages.DEFAULT);
        return new SmsContact(value.substring(bar + 1), Languages.normalize(value.substring(0, bar)));
    }

    SmsContact in(String newLang) {
        return new SmsContact(number, Languages.normalize(newLang));
    }

    /** Never print the number, not even by accident in a log line or an assertion message. */
    @Override
    public String toString() {
        return "SmsContact[lang=" + lang + "]";
    }
}
