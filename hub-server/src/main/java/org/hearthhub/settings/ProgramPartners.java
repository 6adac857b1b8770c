package org.hearthhub.settings;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The partner directory a program's staff work with: the lead's own entries, then the coalition's entries the
 * program adopted, in the order adopted. Adopted entries are read from the coalition's directory each time, so
 * they read as the coalition last saved them, and one the coalition deleted is in no program's directory.
 */
public final class ProgramPartners {
    private final CurrentSettings settings;
    private final CoalitionPartnerStore coalition;

    /** @param coalition the hub's store (the default program's), where the coalition's directory is kept */
    public ProgramPartners(CurrentSettings settings, CoalitionPartnerStore coalition) {
        this.settings = settings;
        this.coalition = coalition;
    }

    public Future<List<Partner>> all() {
        ProgramSettings s = settings.get();
        if (s.adoptedPartners().isEmpty()) return Future.succeededFuture(s.partners());
        return coalition.coalitionPartners().map(published -> of(s, published));
    }

    /** The entry of this id, the program's own or one it adopted (a store read only for an adopted one). */
    public Future<Optional<Partner>> find(String id) {
        ProgramSettings s = settings.get();
        Optional<Partner> own = s.partner(id);
        if (own.isPresent() || !s.adoptedPartners().contains(id)) return Future.succeededFuture(own);
        return coalition.coalitionPartners().map(published -> published.stream().filter(p -> p.id().equals(id)).findFirst());
    }

    /** The program's directory given the coalition's: its own entries, then those it adopted that still exist. */
    public static List<Partner> of(ProgramSettings s, List<Partner> published) {
        Map<String, Partner> byId = published.stream().collect(Collectors.toMap(Partner::id, Function.identity(), (a, b) -> a));
        List<Partner> out = new ArrayList<>(s.partners());
        for (String id : s.adoptedPartners()) {
            Partner p = byId.get(id);
            if (p != null) out.add(p);
        }
        return out;
    }
}
