package org.hearthhub.model;

import java.time.Instant;
import java.util.List;

/** An advocate on shift: only advocates with a shift see the queue or receive anything. */
public record Shift(String username, String displayName, int capacity, List<String> languages, Instant since) {
    public Shift {
        languages = List.copyOf(languages);
    }

    public boolean speaks(String lang) {
        return languages.contains(lang);
    }
}
