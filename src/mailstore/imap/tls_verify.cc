#include "mailstore/imap/tls_verify.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>

namespace mailtrail::mailstore {
namespace {

template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX_free>>;

struct CertificateStackDeleter {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};
using CertificateStack = std::unique_ptr<STACK_OF(X509), CertificateStackDeleter>;

X509Ptr ParseDer(const std::string& der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  return X509Ptr(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
}

bool IsIpAddress(const std::string& host) {
  std::array<unsigned char, sizeof(in6_addr)> address;
  return ::inet_pton(AF_INET, host.c_str(), address.data()) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), address.data()) == 1;
}

Status Untrusted(const std::string& host, const std::string& reason) {
  return Status::FailedPrecondition("The certificate of the IMAP server " + host + " is not trusted: " + reason + ".");
}

}  // namespace

Status VerifyServerCertificate(const std::vector<std::string>& chain, const std::string& host,
                               const std::string& ca_file) {
  if (chain.empty()) return Untrusted(host, "it presented none");
  StorePtr store(X509_STORE_new());
  const bool loaded = ca_file.empty() ? X509_STORE_set_default_paths(store.get()) == 1
                                      : X509_STORE_load_file(store.get(), ca_file.c_str()) == 1;
  ERR_clear_error();  // the reason is said below; leave no queue behind
  if (!loaded) {
    return Status::FailedPrecondition(ca_file.empty() ? std::string("The system's CA certificates cannot be read.")
                                                      : "The CA file '" + ca_file + "' cannot be read.");
  }
  X509Ptr leaf = ParseDer(chain.front());
  CertificateStack intermediates(sk_X509_new_null());
  if (!leaf || !intermediates) return Untrusted(host, "it cannot be parsed");
  for (std::size_t i = 1; i < chain.size(); ++i) {
    X509Ptr certificate = ParseDer(chain[i]);
    if (!certificate || sk_X509_push(intermediates.get(), certificate.get()) == 0) {
      return Untrusted(host, "it cannot be parsed");
    }
    (void)certificate.release();  // the stack owns it now
  }

  StoreCtxPtr context(X509_STORE_CTX_new());
  if (!context || X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), intermediates.get()) != 1) {
    return Status::Internal("OpenSSL cannot set up a certificate check.");
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
  const bool named = IsIpAddress(host) ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1
                                       : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) == 1;
  if (!named) return Status::Internal("OpenSSL cannot check certificates for the host " + host + ".");
  const bool verified = X509_verify_cert(context.get()) == 1;
  ERR_clear_error();
  if (!verified) return Untrusted(host, X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
  return Status::Ok();
}

}  // namespace mailtrail::mailstore
