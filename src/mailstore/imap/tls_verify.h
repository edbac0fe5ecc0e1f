// Checks the certificate an IMAP server presented, with OpenSSL. libetpan (built
// with GnuTLS on Debian) completes the handshake without checking anything, so
// the store calls this before it sends a password or token.
//
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace mailtrail::mailstore {

// OK when `chain` (DER certificates as the server sent them, its own first) leads
// to a CA in `ca_file` (PEM), or in the system's store when `ca_file` is empty,
// and the server's certificate is valid now and names `host` (a DNS name, or an
// IP address in its subjectAltName).
// Errors: kFailedPrecondition, saying why the certificate is not trusted (or that
// `ca_file` cannot be read).
Status VerifyServerCertificate(const std::vector<std::string>& chain, const std::string& host,
                               const std::string& ca_file);

}  // namespace mailtrail::mailstore
