"""The protocol floor of the IMAP benchmark: the bulk commands a logging pass
needs, with no decisions and no database, over the same connection mailtrail
uses (STARTTLS when a CA file is given).

SELECT the queue, one UID FETCH BODY.PEEK[HEADER] of every message, one UID COPY
of every message to the storage folder (more than a pass copies: it copies only
what it logs), one UID STORE +FLAGS.SILENT (\\Deleted) and one UID EXPUNGE. What
Dovecot spends on these is a cost no IMAP client can avoid; the gap between this
row and mailtrail's is mailtrail's own work.

The password comes from the environment (MAILTRAIL_IMAP_PASSWORD), never from
the command line. Prints {"messages": N} on success.
"""

import argparse
import imaplib
import json
import os
import ssl


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--ca-file", help="PEM file of the CA to trust; given: STARTTLS")
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
    imap = imaplib.IMAP4(arguments.host, arguments.port)
    if arguments.ca_file:
        imap.starttls(ssl.create_default_context(cafile=arguments.ca_file))
    imap.login(arguments.user, os.environ["MAILTRAIL_IMAP_PASSWORD"])
    count = int(check(imap.select(arguments.queue), "SELECT")[0])
    headers = check(imap.uid("FETCH", "1:*", "(BODY.PEEK[HEADER])"), "UID FETCH")
    fetched = sum(1 for item in headers if isinstance(item, tuple))
    if fetched != count:
        raise RuntimeError(f"UID FETCH gave {fetched} headers of {count} messages")
    check(imap.uid("COPY", "1:*", arguments.storage), "UID COPY")
    check(imap.uid("STORE", "1:*", "+FLAGS.SILENT", "(\\Deleted)"), "UID STORE")
    check(imap.uid("EXPUNGE", "1:*"), "UID EXPUNGE")
    imap.logout()
    print(json.dumps({"messages": count}))


if __name__ == "__main__":
    main()
