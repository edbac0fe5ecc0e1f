#!/usr/bin/python3
"""The per-message baseline of the Maildir benchmark: email logging as a
straightforward script does it on a local Maildir++ tree, with Python's standard
library only.

For each message of the queue folder, oldest first, one at a time: parse its
header with the email package (BytesHeaderParser, policy default), decide by the
registered addresses, and when it is logged copy it into the storage folder
(into tmp/, fsync of the file, rename into cur/, fsync of cur/), INSERT its
entries into SQLite and commit; then delete it from the queue and fsync the
queue's folder. The order (copy durably, commit, delete) and the fsyncs make it
as safe and as durable as mailtrail's pass.

The decisions are baseline_rules.py's, shared with the IMAP baseline. Prints the
outcome counts as JSON, with the keys of `mailtrail log-email --format json`.
"""

import argparse
import email.parser
import email.policy
import json
import os
import shutil
import sys

# -I leaves this script's folder off sys.path; the shared rules live beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline_rules  # noqa: E402


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="the Maildir++ root; folder F is ROOT/.F")
    parser.add_argument("--queue", default="Queue")
    parser.add_argument("--storage", default="Storage")
    parser.add_argument("--directory", required=True, help="JSON of the registered addresses")
    parser.add_argument("--database", required=True, help="SQLite file for the entries")
    return parser.parse_args()


def queue_files(queue):
    """The queue's message files as (path, folder), oldest first (by time, then name)."""
    files = []
    for subdir in ("new", "cur"):
        folder = os.path.join(queue, subdir)
        for entry in os.scandir(folder):
            if entry.is_file():
                files.append((entry.stat().st_mtime, entry.name, entry.path, folder))
    files.sort()
    return [(path, folder) for _, _, path, folder in files]


def fsync_path(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def store(path, storage):
    """Copies the message file at `path` into the storage folder, durably."""
    name = os.path.basename(path).split(":2,")[0]
    temporary = os.path.join(storage, "tmp", name)
    shutil.copyfile(path, temporary)
    fsync_path(temporary)
    stored = os.path.join(storage, "cur")
    os.rename(temporary, os.path.join(stored, name + ":2,"))
    fsync_path(stored)


def main():
    arguments = parse_arguments()
    salespersons, contacts = baseline_rules.load_directory(arguments.directory)
    database = baseline_rules.open_database(arguments.database)
    counts = dict.fromkeys(baseline_rules.OUTCOMES, 0)
    parser = email.parser.BytesHeaderParser(policy=email.policy.default)
    queue = os.path.join(arguments.root, "." + arguments.queue)
    storage = os.path.join(arguments.root, "." + arguments.storage)

    for path, folder in queue_files(queue):
        with open(path, "rb") as file:
            message = parser.parse(file)
            outcome, direction, pairs = baseline_rules.decide(message, salespersons, contacts)
            message_id = baseline_rules.identity(message, file)
        if outcome == "logged" and baseline_rules.already_logged(database, message_id):
            outcome = "duplicate"
        if outcome == "logged":
            store(path, storage)
            baseline_rules.record(database, message, message_id, direction, pairs)
            counts["entries"] += len(pairs)
        counts[outcome] += 1
        os.unlink(path)
        fsync_path(folder)

    database.close()
    json.dump(counts, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
