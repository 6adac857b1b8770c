package org.hearthhub.cli;

import org.hearthhub.auth.PasswordHasher;

import java.io.InputStream;
import java.time.Clock;

/**
 * What the {@code user} commands work with besides their store: standard input (a password's one line), the password
 * hasher (tests give cheap parameters) and the clock that stamps accounts and access-log entries.
 */
public record AccountTools(InputStream stdin, PasswordHasher hasher, Clock clock) {
}
