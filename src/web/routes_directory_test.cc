// Salespersons, contacts and the setup through the REST API: the cards, what an
// RM-CONT user changes on a contact, the setup's keys as the Setup page shows
// them (with the CLI's validation messages) and its test of the connection, on
// Maildir and on a real Dovecot.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "web/api_test_fixture.h"

namespace mailtrail::web {
namespace {

using domain::PermissionSet;
using Json = nlohmann::json;

constexpr PermissionSet kEditor = PermissionSet::kRelationshipMgmt;
constexpr PermissionSet kAdmin = PermissionSet::kEmailLoggingAdmin;

class DirectoryRoutesTest : public RestApiTest {
 protected:
  httplib::Result Send(const std::string& method, const std::string& path, const Json& body,
                       PermissionSet set = kEditor) {
    return Call(method, path, As(set), body.dump());
  }

  // The error a refused call answers with, checked to have `status`.
  Json Refused(const httplib::Result& response, int status) {
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, status) << response->body;
    return Json::parse(response->body, nullptr, false);
  }

  Json TestConnection() {
    auto response = Send("POST", "/api/v1/setup/test-connection", Json::object(), kAdmin);
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, 200) << response->body;
    return Json::parse(response->body, nullptr, false);
  }
};

TEST_F(DirectoryRoutesTest, ASalespersonsCardIsItsRecord) {
  const Json card = GetJson("/api/v1/salespersons/JO");
  EXPECT_EQ(card, Json({{"code", "JO"}, {"name", "JO name"}, {"email", "jim.olivo@cronus.example"}}));
  EXPECT_EQ(Refused(client_->Get("/api/v1/salespersons/ZZ", As(PermissionSet::kBasic)), 404)["error"],
            "Salesperson 'ZZ' does not exist.");
}

TEST_F(DirectoryRoutesTest, ACompanysCardHasItsPersonsAndAPersonsCardItsAltAddresses) {
  auto added = Send("POST", "/api/v1/contacts/" + ann_ + "/alt-addresses", {{"code", "home"}, {"email", "ann@home.example"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  const Json person = Json::parse(added->body);
  EXPECT_EQ(person["no"], ann_);
  EXPECT_EQ(person["alt_addresses"],
            Json::array({{{"contact_no", ann_}, {"code", "HOME"}, {"email", "ann@home.example"}}}));
  EXPECT_FALSE(person.contains("persons")) << "a person has none";
  EXPECT_EQ(GetJson("/api/v1/contacts/" + ann_), person);

  const Json company = GetJson("/api/v1/contacts/" + adatum_);
  EXPECT_EQ(company["name"], "Adatum");
  EXPECT_EQ(company["alt_addresses"], Json::array());
  ASSERT_EQ(company["persons"].size(), 1u);
  EXPECT_EQ(company["persons"][0]["no"], ann_);
  EXPECT_EQ(company["persons"][0]["name"], "Ann Smith");

  EXPECT_EQ(Refused(client_->Get("/api/v1/contacts/CT999999", As(PermissionSet::kBasic)), 404)["error"],
            "Contact 'CT999999' does not exist.");
}

TEST_F(DirectoryRoutesTest, AltAddressesAreValidatedAsTheCliValidatesThem) {
  const std::string path = "/api/v1/contacts/" + ann_ + "/alt-addresses";
  EXPECT_EQ(Refused(Send("POST", path, {{"code", "HOME"}, {"email", "not an address"}}), 400)["error"],
            service::AddContactAltAddress(*db_, {ann_, "HOME", "not an address"}).message());
  EXPECT_EQ(Refused(Send("POST", path, {{"email", "ann@home.example"}}), 400)["error"],
            "An alt address code is required.");
  ASSERT_EQ(Send("POST", path, {{"code", "HOME"}, {"email", "ann@home.example"}})->status, 201);
  EXPECT_EQ(Refused(Send("POST", path, {{"code", "Home"}, {"email", "ann@other.example"}}), 409)["error"],
            "Contact '" + ann_ + "' already has an alt. address 'HOME'.");
  EXPECT_EQ(Refused(Send("POST", "/api/v1/contacts/CT999999/alt-addresses",
                         {{"code", "HOME"}, {"email", "x@home.example"}}),
                    404)["error"],
            "Contact 'CT999999' does not exist.");
  EXPECT_EQ(Refused(Send("POST", path, {{"code", "WORK"}, {"email", "ann@work.example"}}, PermissionSet::kBasic),
                    403)["code"],
            "permission denied");
  EXPECT_EQ(GetJson("/api/v1/contacts/" + ann_)["alt_addresses"].size(), 1u);
}

TEST_F(DirectoryRoutesTest, ACompanysNewEmailReachesThePersonsThatSharedTheOldOne) {
  auto bob = Send("POST", "/api/v1/contacts", {{"type", "person"}, {"name", "Bob"}, {"company_no", adatum_}});
  ASSERT_TRUE(bob);
  ASSERT_EQ(bob->status, 201) << bob->body;
  const std::string bob_no = Json::parse(bob->body)["no"];
  EXPECT_EQ(GetJson("/api/v1/contacts/" + bob_no)["email"], "info@adatum.example") << "inherited";

  auto changed = Send("PUT", "/api/v1/contacts/" + adatum_ + "/email", {{"value", "hello@adatum.example"}});
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  const Json card = Json::parse(changed->body);
  EXPECT_EQ(card["email"], "hello@adatum.example");
  std::map<std::string, std::string> emails;
  for (const Json& person : card["persons"]) emails[person["no"]] = person["email"];
  EXPECT_EQ(emails, (std::map<std::string, std::string>{{ann_, "ann.smith@adatum.example"},
                                                        {bob_no, "hello@adatum.example"}}));

  EXPECT_EQ(Refused(Send("PUT", "/api/v1/contacts/" + adatum_ + "/email", {{"value", "hello"}}), 400)["error"],
            "'hello' is not an email address.");
  EXPECT_EQ(Refused(Send("PUT", "/api/v1/contacts/" + adatum_ + "/email", {{"email", "x@adatum.example"}}), 400)["error"],
            "The body is {\"value\": EMAIL}.");
  EXPECT_EQ(Refused(Send("PUT", "/api/v1/contacts/CT999999/email", {{"value", "x@adatum.example"}}), 404)["error"],
            "Contact 'CT999999' does not exist.");
  EXPECT_EQ(GetJson("/api/v1/contacts/" + adatum_)["email"], "hello@adatum.example");
}

TEST_F(DirectoryRoutesTest, AnEditorMarksAContactDoNotLog) {
  EXPECT_EQ(GetJson("/api/v1/contacts/" + ann_)["do_not_log"], false);
  auto marked = Send("PUT", "/api/v1/contacts/" + ann_ + "/do-not-log", {{"value", true}});
  ASSERT_TRUE(marked);
  ASSERT_EQ(marked->status, 200) << marked->body;
  EXPECT_EQ(Json::parse(marked->body)["do_not_log"], true);
  EXPECT_EQ(GetJson("/api/v1/contacts/" + ann_)["do_not_log"], true);
  EXPECT_EQ(Refused(Send("PUT", "/api/v1/contacts/" + ann_ + "/do-not-log", {{"value", "yes"}}), 400)["error"],
            "The body is {\"value\": true|false}.");

  auto added = Send("POST", "/api/v1/contacts", {{"name", "Pat"}, {"type", "person"}, {"do_not_log", true}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(GetJson("/api/v1/contacts/" + Json::parse(added->body)["no"].get<std::string>())["do_not_log"], true);
  EXPECT_EQ(Refused(Send("POST", "/api/v1/contacts", {{"name", "Pat"}, {"do_not_log", 1}}), 400)["error"],
            "do_not_log is true or false.");
}

TEST_F(DirectoryRoutesTest, AnAdministratorKeepsTheNeverLogList) {
  auto added = Send("POST", "/api/v1/never-log", {{"entry", " @Globex.Example "}}, kAdmin);
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Json::parse(added->body), Json({{"entry", "globex.example"}}));
  EXPECT_EQ(Refused(Send("POST", "/api/v1/never-log", {{"entry", "globex.example"}}, kAdmin), 409)["error"],
            "'globex.example' is on the never-log list already.");
  EXPECT_EQ(Refused(Send("POST", "/api/v1/never-log", {{"entry", "a b"}}, kAdmin), 400)["error"],
            "'a b' cannot go on the never-log list: it contains white space (give an address like "
            "ann@example.com or a domain like example.com).");
  ASSERT_EQ(Send("POST", "/api/v1/never-log", {{"entry", "CEO@initech.example"}}, kAdmin)->status, 201);
  EXPECT_EQ(GetJson("/api/v1/never-log", kAdmin), Json({"ceo@initech.example", "globex.example"}));

  auto removed = Call("DELETE", "/api/v1/never-log/Globex.Example", As(kAdmin));
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->status, 200) << removed->body;
  EXPECT_EQ(Json::parse(removed->body), Json({"ceo@initech.example"}));
  EXPECT_EQ(Refused(Call("DELETE", "/api/v1/never-log/globex.example", As(kAdmin)), 404)["error"],
            "'globex.example' is not on the never-log list.");
}

TEST_F(DirectoryRoutesTest, TheSetupListsEveryKeyWithItsValueAndWhatItMeans) {
  const Json keys = GetJson("/api/v1/setup", kAdmin);
  const std::vector<service::SetupKey> expected = service::SetupKeys();
  ASSERT_EQ(keys.size(), expected.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(keys[i]["key"], expected[i].name);
    EXPECT_EQ(keys[i]["description"], expected[i].description);
    EXPECT_FALSE(expected[i].description.empty()) << expected[i].name;
  }
  EXPECT_EQ(keys[1], Json({{"key", "queue-folder"}, {"value", "Queue"},
                           {"description", "folder staff copy mail into, e.g. Queue"}}));
}

TEST_F(DirectoryRoutesTest, ASetupValueIsRefusedWithTheCliMessageAndARightOneSaved) {
  const std::string refusal = service::SetSetupValue(*db_, "batch-size", "many").message();
  EXPECT_EQ(refusal, "Invalid value 'many' for batch-size (expected a whole number, 0 for no limit).");
  EXPECT_EQ(Refused(Send("PUT", "/api/v1/setup/batch-size", {{"value", "many"}}, kAdmin), 400)["error"], refusal);
  EXPECT_EQ(Refused(Send("PUT", "/api/v1/setup/colour", {{"value", "blue"}}, kAdmin), 400)["error"],
            service::SetSetupValue(*db_, "colour", "blue").message());

  auto saved = Send("PUT", "/api/v1/setup/batch-size", {{"value", "25"}}, kAdmin);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(Json::parse(saved->body)[4], Json({{"key", "batch-size"}, {"value", "25"},
                                               {"description", service::SetupKeys()[4].description}}));
  EXPECT_EQ(db_->LoadSetup()->batch_size, 25);
}

TEST_F(DirectoryRoutesTest, TestConnectionCountsTheQueueOfAMaildir) {
  EXPECT_EQ(TestConnection(), Json({{"ok", true},
                                    {"message", "The mail store opens; the queue folder 'Queue' holds 0 message(s)."},
                                    {"queue_messages", 0}}));
  Deliver(Outbound("waiting-1@cronus.example"));
  Deliver(Outbound("waiting-2@cronus.example"));
  EXPECT_EQ(TestConnection()["queue_messages"], 2);
  EXPECT_EQ(Messages("Queue").size(), 2u) << "nothing was touched";
}

TEST_F(DirectoryRoutesTest, TestConnectionSaysWhichFolderIsMissing) {
  Set("storage-folder", "Archive");
  EXPECT_EQ(TestConnection(),
            Json({{"ok", false},
                  {"message", "Opening queue folder: The storage folder 'Archive' does not exist in the mail store."}}));
  Set("storage-folder", "Storage");
  Set("email-template", "");
  EXPECT_EQ(TestConnection(),
            Json({{"ok", false},
                  {"message", "Validating setup: The interaction template for email messages has not been specified."}}));
}

// The same against a real Dovecot, reached over the network.
class ImapDirectoryRoutesTest : public DirectoryRoutesTest {
 protected:
  const mailstore::BackendKind& Kind() const override {
    static const mailstore::BackendKind imap{"Imap", mailstore::MakeImapBackend};
    return imap;
  }
};

// A loopback port nothing listens on: bound, then let go.
int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ADD_FAILURE() << "no loopback port";
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST_F(ImapDirectoryRoutesTest, TestConnectionReachesDovecotOrSaysWhyNotWithoutThePassword) {
  Deliver(Outbound("waiting@cronus.example"));
  const Json connected = TestConnection();
  EXPECT_EQ(connected["ok"], true) << connected.dump();
  EXPECT_EQ(connected["queue_messages"], 1);

  const std::string password = backend().credentials().password;
  ASSERT_FALSE(password.empty());
  const std::string url = backend().url();
  const std::string user = url.substr(url.find("://") + 3, url.find('@') - url.find("://") - 3);

  Set("mail-store", "imap://" + user + "@127.0.0.1:" + std::to_string(ClosedPort()));
  const Json unreachable = TestConnection();
  EXPECT_EQ(unreachable["ok"], false) << unreachable.dump();
  EXPECT_FALSE(unreachable.contains("queue_messages"));
  EXPECT_TRUE(unreachable["message"].get<std::string>().starts_with("Opening queue folder: ")) << unreachable.dump();
  EXPECT_EQ(unreachable.dump().find(password), std::string::npos) << unreachable.dump();

  Set("mail-store", "imap://nobody-here" + url.substr(url.find('@')));
  const Json refused = TestConnection();
  EXPECT_EQ(refused["ok"], false) << refused.dump();
  EXPECT_EQ(refused.dump().find(password), std::string::npos) << refused.dump();
  EXPECT_EQ(Messages("Queue").size(), 1u) << "nothing was touched";
}

}  // namespace
}  // namespace mailtrail::web
