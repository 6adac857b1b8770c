package org.hearthhub.cli;

import org.hearthhub.auth.PasswordPolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A password as {@code user add} and {@code user reset} take it: the first line of standard input, never the command
 * line (which other users of the machine can see in the process list), under the hub's one password policy.
 */
final class PasswordLine {
    private static final int MAX_BYTES = 4096;

    /** The password read, or why it cannot be used (a line to print after "error: "). */
    record Read(String password, String problem) {
        boolean refused() {
            return problem != null;
        }
    }

    private PasswordLine() {
    }

    static Read from(InputStream in) {
        String password;
        try {
            password = firstLine(in);
        } catch (IOException e) {
            return new Read(null, "could not read the password from standard input: " + e.getMessage());
        }
        Optional<String> problem = PasswordPolicy.problemWith(password);
        return problem.map(p -> new Read(null, p)).orElseGet(() -> new Read(password, null));
    }

    /** The first line, without its line ending; bytes rather than a Reader so nothing past it is consumed. */
    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_BYTES) throw new IOException("the first line is longer than " + MAX_BYTES + " bytes");
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
