package org.hearthhub.sharing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * One line of a program's sharing register: a referral or transfer between programs (or to a partner
 * outside the hub), what travelled, on what basis, and who decided. Nothing about the survivor: no
 * content, no contact, no conversation id; the time is kept to the minute.
 *
 * @param toProgram  the receiving program on this hub, or null for a partner outside it
 * @param toPartner  the receiving partner's name as the directory had it (outside partners have no other name)
 * @param categories what travelled: "none" or "transcript"
 * @param basis      "consent", or the name of one of the lead's safeguarding bases
 * @param reason     why, for a safeguarding basis (never with consent)
 * @param advocate   the staff member's username
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SharingEntry(Instant at, String kind, String fromProgram, String toProgram, String toPartner, String categories,
                           String basis, String reason, String advocate) {
}
