#!/usr/bin/python3
"""The per-message baseline of the IMAP benchmark: email logging as a typical
CRM's fetcher does it, with Python's standard library only.

One IMAP connection (STARTTLS when a CA file is given), then for each message of
the queue folder, one at a time: UID FETCH BODY.PEEK[] (the whole message),
parse it with the email package, decide by the registered addresses, UID COPY it
to the storage folder when it is logged, INSERT its entries into SQLite and
commit, UID STORE +FLAGS (\\Deleted). One EXPUNGE at the end of the pass.

The decisions are baseline_rules.py's, shared with the Maildir baseline. Prints
the outcome counts as JSON, with the keys of `mailtrail log-email --format json`.

The password comes from the environment (MAILTRAIL_IMAP_PASSWORD), never from
the command line.
"""

import argparse
import email
import imaplib
import json
import os
import ssl
import sys

# -I leaves this script's folder off sys.path; the shared rules live beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline_rules  # noqa: E402


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--ca-file", help="PEM file of the CA to trust; given: STARTTLS")
    parser.add_argument("--directory", required=True, help="JSON of the registered addresses")
    parser.add_argument("--database", required=True, help="SQLite file for the entries")
    parser.add_argument("--queue", default="Queue")
    parser.add_argument("--storage", default="Storage")
    return parser.parse_args()


def check(response, what):
    status, data = response
    if status != "OK":
        raise RuntimeError(f"{what}: {status} {data}")
    return data


def main():
    arguments = parse_arguments()
    salespersons, contacts = baseline_rules.load_directory(arguments.directory)
    database = baseline_rules.open_database(arguments.database)
    counts = dict.fromkeys(baseline_rules.OUTCOMES, 0)

    imap = imaplib.IMAP4(arguments.host, arguments.port)
    if arguments.ca_file:
        imap.starttls(ssl.create_default_context(cafile=arguments.ca_file))
    imap.login(arguments.user, os.environ["MAILTRAIL_IMAP_PASSWORD"])
    check(imap.select(arguments.queue), "SELECT")
    uids = check(imap.uid("SEARCH", None, "ALL"), "UID SEARCH")[0].split()

    for uid in uids:
        data = check(imap.uid("FETCH", uid, "(BODY.PEEK[])"), "UID FETCH")
        if not data or not isinstance(data[0], tuple):
            counts["failed"] += 1  # gone meanwhile; stays out of the pass
            continue
        raw = data[0][1]
        message = email.message_from_bytes(raw)
        outcome, direction, pairs = baseline_rules.decide(message, salespersons, contacts)
        message_id = baseline_rules.identity(message, raw)
        if outcome == "logged" and baseline_rules.already_logged(database, message_id):
            outcome = "duplicate"
        if outcome == "logged":
            check(imap.uid("COPY", uid, arguments.storage), "UID COPY")
            baseline_rules.record(database, message, message_id, direction, pairs)
            counts["entries"] += len(pairs)
        counts[outcome] += 1
        check(imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), "UID STORE")

    check(imap.expunge(), "EXPUNGE")
    imap.logout()
    database.close()
    json.dump(counts, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
