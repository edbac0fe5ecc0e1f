#include "imap_notes.h"

#include <cstdio>

namespace mailtrail::bench {

std::vector<std::string> ImapNotes(const Report& report, const OutcomeCounts& expected, std::int64_t corpus_bytes,
                                   std::uint64_t seed) {
  std::vector<std::string> notes = OutcomeNotes(report, expected, corpus_bytes, seed);
  const std::string floor = FormatNumber("%.1f", report.rss_floor_mb);
  notes.push_back(
      "- Each contestant gets its own Dovecot user with an identical, already indexed queue. Seconds are wall "
      "clock from start to exit; CPU s and peak RSS are the contestant's own process (wait4 rusage): the "
      "Dovecot processes serving the IMAP clients are not counted there (their CPU is above), while doveadm move "
      "does its work in its own process. A child's peak RSS starts from its parent's at exec, so figures at or "
      "below the driver's own peak (" + floor + " MB) show as ≤ " + floor + ".");
  notes.push_back(
      "- imaplib baseline (bench/baseline_imaplib.py): one connection with STARTTLS; per message UID FETCH "
      "BODY.PEEK[] (whole message), email.message_from_bytes, lookup of the registered addresses, UID COPY to "
      "Storage when logged, INSERT and COMMIT in SQLite, UID STORE +FLAGS (\\Deleted); one EXPUNGE at the end.");
  notes.push_back(
      "- bulk IMAP baseline (bench/baseline_bulk_imap.py): one connection with STARTTLS; SELECT, one UID FETCH "
      "BODY.PEEK[HEADER] of every message, one UID COPY of every message (a pass copies only what it logs), one UID "
      "STORE +FLAGS.SILENT (\\Deleted), one UID EXPUNGE; no decisions, no database. With 2 connections: the "
      "queue's UIDs split in two runs, each sent those commands by a process of its own at once.");
  notes.push_back("- mailtrail: `mailtrail log-email --format json`, batch-size 0, STARTTLS with the test CA.");
  return notes;
}

std::string ImapGoalLine(const Measurement& mailtrail, const Measurement& imaplib, const Measurement& move) {
  if (!mailtrail.valid() || !imaplib.valid() || !move.valid()) {
    return "- Goal (at least 50× imaplib, within 3× of doveadm move): not assessed in this run.";
  }
  const double vs_imaplib = mailtrail.MessagesPerSecond() / imaplib.MessagesPerSecond();
  const double vs_move = mailtrail.MessagesPerSecond() / move.MessagesPerSecond();
  char line[256];
  std::snprintf(line, sizeof line,
                "- Goal: at least 50× imaplib: %.1f× (%s); within 3× of doveadm move, i.e. at least 0.33×: "
                "%.2f× (%s).",
                vs_imaplib, vs_imaplib >= 50 ? "met" : "not met", vs_move, vs_move >= 1.0 / 3 ? "met" : "not met");
  return line;
}

std::string ProtocolFloorLine(const Measurement& mailtrail, const Measurement& bulk, const Measurement& move) {
  if (!mailtrail.valid() || !bulk.valid() || !move.valid() || bulk.seconds <= 0 || move.seconds <= 0) return "";
  char line[320];
  std::snprintf(line, sizeof line,
                "- Where the time goes: mailtrail took %.2f× the time of the bulk IMAP commands alone (%.2f s of "
                "%.2f s is its own work), and those alone took %.2f× the time of doveadm move.",
                mailtrail.seconds / bulk.seconds, mailtrail.seconds - bulk.seconds, mailtrail.seconds,
                bulk.seconds / move.seconds);
  return line;
}

std::string ParallelFloorLine(const Measurement& parallel_bulk, const Measurement& imaplib) {
  if (!parallel_bulk.valid() || !imaplib.valid() || parallel_bulk.seconds <= 0) return "";
  char line[320];
  std::snprintf(line, sizeof line,
                "- The protocol's floor: the bulk IMAP commands over two connections at once, with no decisions and "
                "no database, took %.2f s, %.1f× imaplib; 50× imaplib is %.2f s.",
                parallel_bulk.seconds, parallel_bulk.MessagesPerSecond() / imaplib.MessagesPerSecond(),
                imaplib.seconds / 50);
  return line;
}

}  // namespace mailtrail::bench
