package org.hearthhub.i18n;

/**
 * A language Hearth speaks: its code ("es"), its name in itself ("Español"), which way its script runs,
 * and whether the consoles speak it too (a console bundle exists) or only the survivor's side does.
 */
public record Language(String code, String name, boolean rightToLeft, boolean console) {

    /** The HTML {@code dir} value: "rtl" or "ltr". */
    public String direction() {
        return rightToLeft ? "rtl" : "ltr";
    }
}
