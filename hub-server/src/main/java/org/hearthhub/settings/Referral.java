package org.hearthhub.settings;

/** A hotline or service a survivor can reach instead of, or beside, the chat. Any field may be null except name. */
public record Referral(String name, String phone, String text, String url) {
}
