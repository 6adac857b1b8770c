package org.hearthhub.settings;

import io.vertx.core.Future;

import java.util.List;

/**
 * The coalition's shared partner directory, whose entries programs adopt. Hub-wide, like the list of programs:
 * the hub keeps it in its default program's store, the one place every node reads, and reads it there each time
 * (no copy to fall out of step when another node changes it).
 */
public interface CoalitionPartnerStore {

    /** Every entry, by name (ignoring case); empty on a hub whose coalition never published one. */
    Future<List<Partner>> coalitionPartners();

    /** Saves a new entry unless one with its id is stored already: true if saved. */
    Future<Boolean> addCoalitionPartner(Partner partner);

    /** Replaces the stored entry of the partner's id, only if there is one (a deleted entry is not brought back): true if replaced. */
    Future<Boolean> replaceCoalitionPartner(Partner partner);

    /** True if an entry of that id was stored (and now is not). */
    Future<Boolean> removeCoalitionPartner(String id);

    /** The order {@link #coalitionPartners()} lists them in. */
    static List<Partner> byName(List<Partner> partners) {
        return partners.stream().sorted(java.util.Comparator.comparing(Partner::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Partner::id)).toList();
    }
}
