package org.hearthhub.auth;

import org.hearthhub.settings.Account;

import java.nio.file.Path;

/**
 * What a start did about the first lead: the account it made and the file it wrote that account's password to, kept
 * so that a start failing afterwards can take both back ({@link FirstLeadBootstrap#withdraw}); {@link #NONE} when the
 * store already held an account (or another node made the lead).
 */
public record FirstLead(Account account, Path passwordFile) {
    public static final FirstLead NONE = new FirstLead(null, null);

    public boolean created() {
        return account != null;
    }
}
