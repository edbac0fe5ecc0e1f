#!/usr/bin/python3
"""The per-message baseline of the IMAP benchmark: email logging as a typical
CRM's fetcher does it, with Python's standard library only.

One IMAP connection (STARTTLS when a CA file is given), then for each message of
the queue folder, one at a time: UID FETCH BODY.PEEK[] (the whole message),
parse it with the email package, decide by the registered addresses, UID COPY it
to the storage folder when it is logged, INSERT its entries into SQLite and
commit, UID STORE +FLAGS (\\Deleted). One EXPUNGE at the end of the pass.

The decisions follow mailtrail's processing contract closely enough to do the
same work on the benchmark corpus (sensitive, draft or no To, duplicate by
Message-ID, outbound, inbound, unregistered). Prints the outcome counts as JSON,
with the keys of `mailtrail log-email --format json`.

The password comes from the environment (MAILTRAIL_IMAP_PASSWORD), never from
the command line.
"""

import argparse
import email
import email.utils
import hashlib
import imaplib
import json
import os
import sqlite3
import ssl
import sys

MAX_ADDRESS_LENGTH = 80


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


def load_directory(path):
    with open(path, encoding="utf-8") as file:
        directory = json.load(file)
    salespersons = {s["email"].lower(): s["code"] for s in directory["salespersons"]}
    contacts = {}
    for contact in directory["contacts"]:  # the first contact (by number) keeps a shared address
        contacts.setdefault(contact["email"].lower(), contact["index"])
    return salespersons, contacts


def open_database(path):
    database = sqlite3.connect(path)
    database.execute(
        "CREATE TABLE IF NOT EXISTS interaction ("
        " id INTEGER PRIMARY KEY, message_id TEXT NOT NULL, direction TEXT NOT NULL,"
        " salesperson TEXT NOT NULL, contact INTEGER NOT NULL, subject TEXT, date TEXT)")
    database.execute("CREATE INDEX IF NOT EXISTS interaction_message_id ON interaction (message_id)")
    database.commit()
    return database


def addresses(message, header):
    return [address.lower() for _, address in email.utils.getaddresses(message.get_all(header, [])) if address]


def decide(message, salespersons, contacts):
    """Returns (outcome, direction, [(salesperson, contact)])."""
    sensitivity = (message.get("Sensitivity") or "").strip().lower()
    if sensitivity not in ("", "normal"):
        return "sensitive", None, []
    senders = addresses(message, "From")
    recipients = addresses(message, "To")
    if any(len(a) > MAX_ADDRESS_LENGTH for a in senders + recipients):
        return "address_too_long", None, []
    if message.get("X-Unsent", "").strip() == "1" or not senders or not recipients:
        return "invalid", None, []
    sender = senders[0]
    if sender in salespersons:
        matched = list(dict.fromkeys(contacts[r] for r in recipients if r in contacts))
        if matched:
            return "logged", "outbound", [(salespersons[sender], contact) for contact in matched]
    if sender in contacts:
        matched = list(dict.fromkeys(salespersons[r] for r in recipients if r in salespersons))
        if matched:
            return "logged", "inbound", [(code, contacts[sender]) for code in matched]
    return "unregistered", None, []


def check(response, what):
    status, data = response
    if status != "OK":
        raise RuntimeError(f"{what}: {status} {data}")
    return data


def main():
    arguments = parse_arguments()
    salespersons, contacts = load_directory(arguments.directory)
    database = open_database(arguments.database)
    counts = dict.fromkeys(
        ["logged", "entries", "sensitive", "address_too_long", "unregistered", "duplicate", "invalid", "failed"], 0)

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
        outcome, direction, pairs = decide(message, salespersons, contacts)
        # Without a Message-ID, the content identifies the message.
        message_id = (message.get("Message-ID") or "").strip() or hashlib.sha256(raw).hexdigest()
        if outcome == "logged" and database.execute(
                "SELECT 1 FROM interaction WHERE message_id = ? LIMIT 1", (message_id,)).fetchone():
            outcome = "duplicate"
        if outcome == "logged":
            check(imap.uid("COPY", uid, arguments.storage), "UID COPY")
            with database:  # one transaction, committed per message
                database.executemany(
                    "INSERT INTO interaction (message_id, direction, salesperson, contact, subject, date)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [(message_id, direction, salesperson, contact, str(message.get("Subject", "")),
                      message.get("Date", "")) for salesperson, contact in pairs])
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
