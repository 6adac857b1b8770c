package org.hearthhub.sharing;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A register month as CSV (RFC 4180) for auditors' spreadsheets. Cells that a spreadsheet would read as
 * a formula (starting with {@code = + - @}, or a tab or carriage return) get a leading apostrophe, so a
 * partner name or reason like {@code =HYPERLINK(…)} stays text.
 */
public final class SharingCsv {
    public static final String HEADER = "at_utc,kind,from_program,to_program,to_partner,categories,basis,reason,advocate";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private SharingCsv() {
    }

    public static String of(List<SharingEntry> entries) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (SharingEntry e : entries) {
            String[] cells = {minute(e), e.kind(), e.fromProgram(), e.toProgram(), e.toPartner(), e.categories(),
                    e.basis(), e.reason(), e.advocate()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) out.append(',');
                out.append(cell(cells[i]));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** An entry's time as people read it, e.g. {@code 2026-12-03 14:05} (UTC). */
    public static String minute(SharingEntry e) {
        return MINUTE.format(e.at());
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        String v = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
