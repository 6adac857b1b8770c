package org.hearthhub.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.config.HubConfig;

import java.time.Instant;

/**
 * Signs the JWT that lets one participant into one Jitsi room, in the dialect of the Jitsi that the
 * program runs: {@link SelfHostedTokens} (prosody token auth, HS256) or {@link JaasTokens} (8x8 JaaS, RS256).
 */
public sealed interface RoomTokens permits SelfHostedTokens, JaasTokens {

    /**
     * Checks the {@code jitsi.*} options and reads the JaaS key file (off the event loop). Succeeds with
     * null when video is off; fails with a {@link org.hearthhub.config.ConfigException} naming the option
     * when the configuration is half there or the key is unusable.
     */
    static Future<RoomTokens> load(Vertx vertx, HubConfig.Jitsi config) {
        return vertx.executeBlocking(() -> JitsiSetup.tokens(config));
    }

    /** A token for {@code room} (the bare room name) valid from {@code notBefore} until {@code expires}. */
    String mint(String room, Participant who, Instant notBefore, Instant expires);

    /** The room as the IFrame API and the call's URL name it: JaaS rooms live under the tenant. */
    String roomPath(String room);
}
