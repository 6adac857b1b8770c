package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The file store's coalition partner directory: {@code coalition-partners.json}, rewritten atomically, in the store's lane. */
final class FileCoalitionPartners implements CoalitionPartnerStore {
    private static final TypeReference<List<Partner>> PARTNERS = new TypeReference<>() {
    };

    private final FileLane lane;
    private final ObjectMapper json;
    private final Path file;

    FileCoalitionPartners(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.json = json;
        this.file = root.resolve("coalition-partners.json");
    }

    @Override
    public Future<List<Partner>> coalitionPartners() {
        return lane.io(() -> CoalitionPartnerStore.byName(read()));
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> addCoalitionPartner(Partner partner) {
        return change(partner, all -> stored(all, partner.id()) < 0 && all.add(partner));
    }

    @Override
    public Future<Boolean> replaceCoalitionPartner(Partner partner) {
        return change(partner, all -> {
            int at = stored(all, partner.id());
            if (at >= 0) all.set(at, partner);
            return at >= 0;
        });
    }

    @Override
    public Future<Boolean> removeCoalitionPartner(String id) {
        return change(id, all -> all.removeIf(p -> p.id().equals(id)));
    }

    private static int stored(List<Partner> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    /** Reads the file, applies {@code change} (true: something changed), and writes it back only then. */
    private Future<Boolean> change(Object subject, Predicate<List<Partner>> change) {
        if (subject == null) return Future.failedFuture(new IllegalArgumentException("no coalition partner given"));
        return lane.io(() -> {
            List<Partner> all = new ArrayList<>(read());
            if (!change.test(all)) return false;
            JsonFiles.replace(json, file, all);
            return true;
        });
    }

    private List<Partner> read() throws IOException {
        return JsonFiles.read(json, file, PARTNERS, List::of);
    }
}
