package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.settings.Partner;

import java.util.List;

/**
 * A partner directory kept one entry at a time: a program's, by its lead ({@link PartnerDirectory}), or the
 * coalition's, by its admins ({@link CoalitionDirectory}). Refusals: 400 naming the field for a bad entry, 404 for
 * an id the directory does not hold, 409 for an entry that is not this directory's to change.
 */
interface PartnerBook {

    Future<List<Partner>> list();

    Future<Partner> add(String actor, PartnerEntry entry);

    /** The whole entry, keeping its id. */
    Future<Partner> update(String actor, String id, PartnerEntry entry);

    Future<Void> remove(String actor, String id);
}
