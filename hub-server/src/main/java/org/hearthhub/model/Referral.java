package org.hearthhub.model;

import java.util.regex.Pattern;

/**
 * A hotline or service a survivor can reach instead of, or beside, the chat. Any field may be null
 * except name; {@code sms} is a number that takes texts (often not the hotline's own number).
 */
public record Referral(String name, String phone, String sms, String text, String url) {
    public static final int MAX_NAME = 200;
    public static final int MAX_PHONE = 40;
    public static final int MAX_TEXT = 2000;
    /** At least one digit: punctuation alone ("()", "+ - .") would give survivors a tel: link that dials nothing. */
    private static final Pattern PHONE = Pattern.compile("(?=.*[0-9])[0-9A-Za-z +().,#*/-]{1," + MAX_PHONE + "}");

    public Referral(String name, String phone, String text, String url) {
        this(name, phone, null, text, url);
    }

    /** How a lead may write a phone or text number: digits, letters (1-800-FLOWERS) and the usual punctuation, with a digit. */
    public static boolean isPhone(String value) {
        return PHONE.matcher(value).matches();
    }

    /**
     * Whether every field keeps the rules the lead's referral form keeps, so a referral an advocate
     * sends reaches the survivor only as safe links (tel:/sms: of a phone number, http(s) addresses).
     */
    public boolean keepsRules() {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME
                && (phone == null || isPhone(phone)) && (sms == null || isPhone(sms))
                && (text == null || text.length() <= MAX_TEXT)
                && (url == null || SafeUrl.isSafe(url));
    }
}
