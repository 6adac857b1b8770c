package org.hearthhub.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hearthhub.hours.OpeningHours;
import org.hearthhub.live.ShiftStore;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a program takes new conversations now, and when it opens next: its hours and holidays as the lead
 * set them, and, where the lead shows the program as closed while nobody is on shift, whether anyone is.
 */
public final class ProgramOpening {
    private final CurrentSettings settings;
    private final ShiftStore shifts;
    private final Clock clock;

    public ProgramOpening(CurrentSettings settings, ShiftStore shifts, Clock clock) {
        this.settings = settings;
        this.shifts = shifts;
        this.clock = clock;
    }

    /** The next opening, for a closed program: when, which day it is in the program's zone, and the zone. */
    public record Reopening(Instant at, String day, String timeZone) {
        /** Adds {@code opensAt}, {@code opensDay} ({@code today}/{@code tomorrow}, else absent) and {@code timeZone} to a frame. */
        public void into(JsonObject frame) {
            frame.put("opensAt", at.toString()).put("timeZone", timeZone);
            if (day != null) frame.put("opensDay", day);
        }
    }

    /** Within the program's hours and not on a holiday, whoever is on shift. */
    public boolean withinHours() {
        return OpeningHours.isOpen(settings.get(), clock.instant());
    }

    /** Within hours and, where the lead shows the program as closed while nobody is on shift, someone is. */
    public Future<Boolean> openNow() {
        if (!withinHours()) return Future.succeededFuture(false);
        if (!settings.get().closedWhenUnstaffed()) return Future.succeededFuture(true);
        return shifts.shifts().map(all -> !all.isEmpty());
    }

    /** Empty within hours (closed only for want of someone on shift: no time to promise) or with no opening ahead. */
    public Optional<Reopening> reopening() {
        ProgramSettings s = settings.get();
        Instant now = clock.instant();
        if (withinHours()) return Optional.empty();
        return OpeningHours.nextOpening(s, now)
                .map(at -> new Reopening(at, OpeningHours.openingDay(s, now, at), OpeningHours.zone(s).getId()));
    }
}
