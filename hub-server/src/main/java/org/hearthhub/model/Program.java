package org.hearthhub.model;

import java.time.Instant;

/**
 * One program the hub hosts, as its registry keeps it.
 *
 * @param name        how staff see it named in the console (the widget's title is the program's own setting)
 * @param created     when a coalition admin created it; null for the default program, which predates the registry
 * @param smsNumber   the Twilio number (E.164) its texters text and its texts come from; null: none (the default
 *                    program's is {@code twilio.from}, null when that is a messaging service)
 * @param voiceNumber the Twilio number (E.164) its callers call and its advocates' phones are rung from; null: none
 *                    (the default program's is {@code voice.number})
 */
public record Program(ProgramId id, String name, Instant created, String smsNumber, String voiceNumber) {
    public static final int MAX_NAME_CHARS = 80;

    public Program {
        if (id == null) throw new IllegalArgumentException("a program needs an id");
        if (name == null || name.isBlank()) name = id.value();
    }

    public Program(ProgramId id, String name, Instant created) {
        this(id, name, created, null, null);
    }

    public Program withNumbers(String sms, String voice) {
        return new Program(id, name, created, sms, voice);
    }

    /** Whether texts or calls to {@code number} reach this program. */
    public boolean owns(String number) {
        return number != null && (number.equals(smsNumber) || number.equals(voiceNumber));
    }
}
