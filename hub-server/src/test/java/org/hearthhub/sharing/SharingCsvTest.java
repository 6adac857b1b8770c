package org.hearthhub.sharing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharingCsvTest {
    private static SharingEntry entry(String partner, String basis, String reason, String advocate) {
        return new SharingEntry(Instant.parse("2026-12-03T14:05:00Z"), "referral", "riverside", null, partner, "none", basis, reason,
                advocate);
    }

    @Test
    void aMonthIsAHeaderAndOneCrlfLinePerEntryWithEmptyCellsForAbsentValues() {
        String csv = SharingCsv.of(List.of(entry("Legal Aid North", "consent", null, "maria"),
                new SharingEntry(Instant.parse("2026-12-04T09:30:00Z"), "transfer", "riverside", "hillside", null, "transcript",
                        "Risk to a child", "Police request under s.115", "ana")));
        assertEquals(SharingCsv.HEADER + "\r\n"
                + "2026-12-03 14:05,referral,riverside,,Legal Aid North,none,consent,,maria\r\n"
                + "2026-12-04 09:30,transfer,riverside,hillside,,transcript,Risk to a child,Police request under s.115,ana\r\n", csv);
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() {
        assertEquals("\"Shelter, North\"", SharingCsv.cell("Shelter, North"));
        assertEquals("\"The \"\"Safe\"\" House\"", SharingCsv.cell("The \"Safe\" House"));
        assertEquals("\"two\nlines\"", SharingCsv.cell("two\nlines"));
        assertEquals("plain", SharingCsv.cell("plain"));
        assertEquals("", SharingCsv.cell(null));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasStayText() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", SharingCsv.cell("=HYPERLINK(\"http://evil.example\")"));
        assertEquals("'+1+1", SharingCsv.cell("+1+1"));
        assertEquals("'-2+3", SharingCsv.cell("-2+3"));
        assertEquals("'@SUM(A1:A9)", SharingCsv.cell("@SUM(A1:A9)"));
        assertEquals("'\tcmd", SharingCsv.cell("\tcmd"));
        assertEquals("\"'=1,2\"", SharingCsv.cell("=1,2"), "neutralised first, then quoted");
        String line = SharingCsv.of(List.of(entry("=cmd|' /C calc'!A0", "consent", null, "maria"))).split("\r\n")[1];
        assertEquals("2026-12-03 14:05,referral,riverside,,'=cmd|' /C calc'!A0,none,consent,,maria", line);
    }
}
