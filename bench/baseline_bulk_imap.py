"""The protocol floor of the IMAP benchmark: the bulk commands a logging pass
needs, with no decisions and no database, over the same connection mailtrail
uses (STARTTLS when a CA file is given).

SELECT the queue, one UID FETCH BODY.PEEK[HEADER] of every message, one UID COPY
of every message to the storage folder (more than a pass copies: it copies only
what it logs), one UID STORE +FLAGS.SILENT (\\Deleted) and one UID EXPUNGE. What
Dovecot spends on these is a cost no IMAP client can avoid; the gap between this
row and mailtrail's is mailtrail's own work.

With --connections N, the queue's UIDs are split into N runs of consecutive
UIDs, and N processes send those commands for one run each, on connections of
their own, at once: the floor for a client that spreads the server's work over
several connections, as mailtrail does.

The password comes from the environment (MAILTRAIL_IMAP_PASSWORD), never from
the command line. Prints {"messages": N} on success.
"""

import argparse
import imaplib
import json
import os
import ssl
import sys


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--ca-file", help="PEM file of the CA to trust; given: STARTTLS")
    parser.add_argument("--queue", default="Queue")
    parser.add_argument("--storage", default="Storage")
    parser.add_argument("--connections", type=int, default=1, help="connections working at once")
    return parser.parse_args()


def check(response, what):
    status, data = response
    if status != "OK":
        raise RuntimeError(f"{what}: {status} {data}")
    return data


def connect(arguments):
    imap = imaplib.IMAP4(arguments.host, arguments.port)
    if arguments.ca_file:
        imap.starttls(ssl.create_default_context(cafile=arguments.ca_file))
    imap.login(arguments.user, os.environ["MAILTRAIL_IMAP_PASSWORD"])
    return imap


def run_commands(imap, uids, expected, storage):
    """The bulk commands for `uids` (a UID set) in the selected queue."""
    headers = check(imap.uid("FETCH", uids, "(BODY.PEEK[HEADER])"), "UID FETCH")
    fetched = sum(1 for item in headers if isinstance(item, tuple))
    if fetched != expected:
        raise RuntimeError(f"UID FETCH gave {fetched} headers of {expected} messages")
    check(imap.uid("COPY", uids, storage), "UID COPY")
    check(imap.uid("STORE", uids, "+FLAGS.SILENT", "(\\Deleted)"), "UID STORE")
    check(imap.uid("EXPUNGE", uids), "UID EXPUNGE")


def main():
    arguments = parse_arguments()
    imap = connect(arguments)
    count = int(check(imap.select(arguments.queue), "SELECT")[0])
    if arguments.connections <= 1:
        run_commands(imap, "1:*", count, arguments.storage)
    else:
        uids = [int(uid) for uid in check(imap.uid("SEARCH", "ALL"), "UID SEARCH")[0].split()]
        share = -(-len(uids) // arguments.connections)
        children = []
        for first in range(0, len(uids), share):
            run = uids[first:first + share]
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    worker = connect(arguments)
                    check(worker.select(arguments.queue), "SELECT")
                    run_commands(worker, f"{run[0]}:{run[-1]}", len(run), arguments.storage)
                    worker.logout()
                except Exception as error:  # reported by the exit status
                    print(error, file=sys.stderr)
                    status = 1
                os._exit(status)
            children.append(pid)
        if any(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0 for pid in children):
            raise RuntimeError("a connection failed")
    imap.logout()
    print(json.dumps({"messages": count}))


if __name__ == "__main__":
    main()
