"""What the per-message baselines share: the registered addresses, the SQLite
table of entries and the decisions of the processing contract, followed closely
enough to do the same work as mailtrail on the benchmark corpus (sensitive,
address too long, draft or no To, duplicate by Message-ID, outbound, inbound,
unregistered).
"""

import email.utils
import hashlib
import json
import sqlite3

MAX_ADDRESS_LENGTH = 80
# The keys of `mailtrail log-email --format json`.
OUTCOMES = ["logged", "entries", "sensitive", "address_too_long", "unregistered", "duplicate", "invalid", "failed"]


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
    # str(): header objects of the default policy and plain strings of compat32 alike.
    values = [str(value) for value in message.get_all(header, [])]
    return [address.lower() for _, address in email.utils.getaddresses(values) if address]


def decide(message, salespersons, contacts):
    """Returns (outcome, direction, [(salesperson, contact)])."""
    sensitivity = str(message.get("Sensitivity") or "").strip().lower()
    if sensitivity not in ("", "normal"):
        return "sensitive", None, []
    senders = addresses(message, "From")
    recipients = addresses(message, "To")
    if any(len(a) > MAX_ADDRESS_LENGTH for a in senders + recipients):
        return "address_too_long", None, []
    if str(message.get("X-Unsent", "")).strip() == "1" or not senders or not recipients:
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


def identity(message, content):
    """The Message-ID; without one, the content (bytes, or a file open for
    reading in binary) identifies the message."""
    message_id = str(message.get("Message-ID") or "").strip()
    if message_id:
        return message_id
    if isinstance(content, bytes):
        return hashlib.sha256(content).hexdigest()
    content.seek(0)
    return hashlib.file_digest(content, "sha256").hexdigest()


def already_logged(database, message_id):
    return database.execute("SELECT 1 FROM interaction WHERE message_id = ? LIMIT 1", (message_id,)).fetchone()


def record(database, message, message_id, direction, pairs):
    """Inserts the message's entries in one transaction and commits it."""
    with database:
        database.executemany(
            "INSERT INTO interaction (message_id, direction, salesperson, contact, subject, date)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(message_id, direction, salesperson, contact, str(message.get("Subject", "")),
              str(message.get("Date", ""))) for salesperson, contact in pairs])
