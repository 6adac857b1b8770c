package org.hearthhub.settings;

import io.vertx.core.Future;

/**
 * The hub's own secret keys (e.g. the one that signs staff device cookies): random, made by the hub the first time
 * one is asked for, never set by an operator, and the same on every node sharing the store from then on. The default
 * program's store holds the hub's.
 */
public interface HubKeyStore {
    /**
     * The key named {@code name} (base64url): the stored one, or {@code fresh} stored now, in one step against every
     * other node asking at the same moment, so that all of them answer the same key.
     */
    Future<String> hubKey(String name, String fresh);
}
