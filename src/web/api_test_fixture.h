// A real HTTP server on loopback serving the REST API over a pass's real entries
// (SQLite, Maildir), with a token for a user of each permission set: what the
// API's tests run against.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "service/job_queue.h"
#include "service/logging_fixture.h"
#include "service/users.h"
#include "web/http_server.h"
#include "web/rest_api.h"

namespace mailtrail::web {

inline constexpr char kPassword[] = "correct horse battery";
// The body of entry 1: text and one attachment, "offer <1>.pdf".
inline constexpr char kAttachedOffer[] =
    "--b\r\nContent-Type: text/plain\r\n\r\nOur offer.\r\n"
    "--b\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"offer <1>.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";

class RestApiTest : public service::LoggingFixture {
 public:
  using Json = nlohmann::json;

 protected:
  void SetUp() override {
    LoggingFixture::SetUp();
    for (int i = 0; i < 5; ++i) {
      testing::TestMessage message = Outbound("m" + std::to_string(i) + "@cronus.example");
      if (i == 0) {  // entry 1 carries an attachment
        message.content_type = "multipart/mixed; boundary=b";
        message.body = kAttachedOffer;
      }
      Deliver(message);
    }
    PassOrDie();
    for (domain::PermissionSet set : {domain::PermissionSet::kBasic, domain::PermissionSet::kRelationshipMgmt,
                                      domain::PermissionSet::kEmailLoggingAdmin}) {
      const std::string name = "user-" + std::string(domain::ToString(set));
      ASSERT_TRUE(service::AddUser(*db_, name, kPassword, set).ok());
      tokens_[set] = *service::IssueApiToken(*db_, name, "test");
    }
    ASSERT_TRUE(service::AddUser(*db_, "spare", kPassword, domain::PermissionSet::kBasic).ok());
    metrics_.RecordPass(service::PassSummary{.logged = 5, .entries = 5}, 0.5);
    job_starter_ = NewJobStarter(Opener());
    ApiOptions options = OptionsWithoutJobs();
    options.start_job_now = [starter = job_starter_.get()](std::int64_t id) { return starter->Start(id); };
    auto server = HttpServer::Start("127.0.0.1", 0, std::move(options));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  // The options of the server SetUp starts, but for running jobs.
  ApiOptions OptionsWithoutJobs() {
    ApiOptions options;
    options.open_database = [url = db_url_] { return db::OpenDatabase(url); };
    options.open_mail_store = Opener();
    options.metrics = &metrics_;
    return options;
  }

  // Runs jobs now as `mailtrail serve` does, opening the mail store with `open_mail_store`.
  std::unique_ptr<service::JobStarter> NewJobStarter(service::MailStoreOpener open_mail_store) {
    service::JobRunnerOptions jobs;
    jobs.worker = "web-test";
    jobs.pass_options.open_mail_store = std::move(open_mail_store);
    return std::make_unique<service::JobStarter>([url = db_url_] { return db::OpenDatabase(url); }, jobs);
  }

  httplib::Headers As(domain::PermissionSet set) { return {{"Authorization", "Bearer " + tokens_[set]}}; }

  httplib::Result Call(const std::string& method, const std::string& path, const httplib::Headers& headers,
                       const std::string& body = "{}") {
    if (method == "GET") return client_->Get(path, headers);
    if (method == "POST") return client_->Post(path, headers, body, "application/json");
    if (method == "PUT") return client_->Put(path, headers, body, "application/json");
    return client_->Delete(path, headers);
  }

  Json GetJson(const std::string& path, domain::PermissionSet set = domain::PermissionSet::kBasic) {
    auto response = client_->Get(path, As(set));
    EXPECT_TRUE(response) << path;
    if (!response) return {};
    EXPECT_EQ(response->status, 200) << path << ": " << response->body;
    return Json::parse(response->body, nullptr, false);
  }

  // A concrete path for a route: each {parameter} filled with a value that exists.
  static std::string Concrete(std::string path) {
    static const std::map<std::string, std::string> kValues = {{"entry_no", "1"}, {"key", "batch-size"}, {"index", "0"},
                                                                {"name", "spare"},
                                                                {"job_id", "1"},  // the email logging job
                                                                {"salesperson_code", "JO"},
                                                                {"contact_no", "CT000001"},  // Adatum, a company
                                                                {"entry", "globex.example"}};
    for (const auto& [name, value] : kValues) path = std::regex_replace(path, std::regex("\\{" + name + "\\}"), value);
    return path;
  }

  service::PassMetrics metrics_;
  std::map<domain::PermissionSet, std::string> tokens_;
  std::unique_ptr<service::JobStarter> job_starter_;  // outlives the server that calls it
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace mailtrail::web
