// Create Interaction, postponed interactions and their files, and interaction
// templates and groups, through the REST API.
#include "web/api_test_fixture.h"

namespace mailtrail::web {
namespace {

using domain::PermissionSet;
using Json = nlohmann::json;

constexpr PermissionSet kReader = PermissionSet::kBasic;
constexpr PermissionSet kEditor = PermissionSet::kRelationshipMgmt;
constexpr PermissionSet kAdmin = PermissionSet::kEmailLoggingAdmin;

class InteractionRoutesTest : public RestApiTest {
 protected:
  void SetUp() override {
    RestApiTest::SetUp();
    ASSERT_EQ(Send("POST", "/api/v1/groups", {{"code", "sales"}, {"description", "Sales"}}, kAdmin)->status, 201);
    ASSERT_EQ(Send("POST", "/api/v1/templates",
                   {{"code", "meeting"}, {"group", "sales"}, {"description", "Meeting"}, {"unit_cost", 12.5},
                    {"unit_duration_min", 30}, {"information_flow", "outbound"}, {"initiated_by", "us"}},
                   kAdmin)
                  ->status,
              201);
  }

  httplib::Result Send(const std::string& method, const std::string& path, const Json& body,
                       PermissionSet set = kEditor) {
    return Call(method, path, As(set), body.dump());
  }

  // A meeting with Ann by JO.
  Json Meeting() const { return {{"template", "MEETING"}, {"contact", ann_}, {"salesperson", "JO"}}; }

  // The entry a call that must succeed with `status` returns.
  Json Answer(const httplib::Result& response, int status) {
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, status) << response->body;
    return Json::parse(response->body, nullptr, false);
  }

  // The message of the error a refused call answers with, checked to have `status`.
  std::string Refusal(const httplib::Result& response, int status) {
    return Answer(response, status).value("error", "");
  }

  std::vector<std::int64_t> EntryNos(const std::string& query = "") {
    std::vector<std::int64_t> nos;
    const Json page = GetJson("/api/v1/entries" + query);
    for (const Json& entry : page["entries"]) nos.push_back(entry["entry_no"]);
    return nos;
  }
};

TEST_F(InteractionRoutesTest, ACreatedInteractionIsAnEntryOfItsTemplate) {
  Json meeting = Meeting();
  meeting["description"] = "Prices for 2027";
  const Json entry = Answer(Send("POST", "/api/v1/interactions", meeting), 201);
  EXPECT_EQ(entry["interaction_template_code"], "MEETING");
  EXPECT_EQ(entry["interaction_group_code"], "SALES");
  EXPECT_EQ(entry["contact_company_no"], adatum_);
  EXPECT_EQ(entry["description"], "Prices for 2027");
  EXPECT_EQ(entry["information_flow"], "outbound");
  EXPECT_EQ(entry["cost"], 12.5);
  EXPECT_EQ(entry["duration_min"], 30);
  EXPECT_EQ(entry["email_logged"], false);
  EXPECT_TRUE(entry["attachment_no"].is_null());
  EXPECT_EQ(entry["postponed"], false);
  EXPECT_EQ(entry["file_name"], "");

  EXPECT_EQ(EntryNos("?template=MEETING"), std::vector<std::int64_t>{entry["entry_no"]});
  EXPECT_EQ(EntryNos("?template=EMAIL").size(), 5u);
  EXPECT_EQ(GetJson("/api/v1/entries/" + entry["entry_no"].dump())["description"], "Prices for 2027");
  const std::string gone = Refusal(client_->Get("/api/v1/entries/" + entry["entry_no"].dump() + "/view",
                                                As(kReader)), 404);
  EXPECT_EQ(gone, "The email message cannot be displayed or has been deleted.");
}

TEST_F(InteractionRoutesTest, APostponedInteractionWaitsOnItsOwnPageUntilResumed) {
  Json meeting = Meeting();
  meeting["postpone"] = true;
  const Json postponed = Answer(Send("POST", "/api/v1/interactions", meeting), 201);
  EXPECT_EQ(postponed["postponed"], true);
  const std::string no = postponed["entry_no"].dump();
  const Json waiting = GetJson("/api/v1/interactions/postponed");
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0]["entry_no"], postponed["entry_no"]);
  EXPECT_EQ(EntryNos().size(), 5u) << "not among the entries";
  EXPECT_EQ(Refusal(client_->Get("/api/v1/entries/" + no, As(kReader)), 404),
            "Interaction log entry " + no + " does not exist.");
  EXPECT_EQ(Send("POST", "/api/v1/interactions/postponed/" + no + "/resume", Json::object(), kReader)->status, 403);

  const Json resumed =
      Answer(Send("POST", "/api/v1/interactions/postponed/" + no + "/resume", {{"salesperson", "AH"}}), 200);
  EXPECT_EQ(resumed["postponed"], false);
  EXPECT_EQ(resumed["salesperson_code"], "AH");
  EXPECT_EQ(resumed["date"], postponed["date"]);
  EXPECT_EQ(EntryNos().back(), postponed["entry_no"]);
  EXPECT_TRUE(GetJson("/api/v1/interactions/postponed").empty());
  EXPECT_EQ(Refusal(Send("POST", "/api/v1/interactions/postponed/" + no + "/resume", Json::object()), 404),
            "Postponed interaction " + no + " does not exist.");
  EXPECT_EQ(Refusal(Send("DELETE", "/api/v1/interactions/postponed/" + no, Json::object()), 404),
            "Postponed interaction " + no + " does not exist.")
      << "a completed interaction is no longer deleted this way";

  const std::string other = Answer(Send("POST", "/api/v1/interactions", meeting), 201)["entry_no"].dump();
  const Json deleted = Answer(Send("DELETE", "/api/v1/interactions/postponed/" + other, Json::object()), 200);
  EXPECT_EQ(deleted["deleted"].dump(), other);
  EXPECT_TRUE(GetJson("/api/v1/interactions/postponed").empty());
  EXPECT_EQ(EntryNos().size(), 6u);
}

TEST_F(InteractionRoutesTest, AFileDownloadsAsItWasUploaded) {
  Json meeting = Meeting();
  // "<b>\0\xff" in base64: markup and bytes that are no text.
  meeting["file"] = {{"name", "minutes <draft>.html"}, {"type", "text/html"}, {"content_base64", "PGI+AP8="}};
  const Json entry = Answer(Send("POST", "/api/v1/interactions", meeting), 201);
  EXPECT_EQ(entry["file_name"], "minutes <draft>.html");
  auto file = client_->Get("/api/v1/entries/" + entry["entry_no"].dump() + "/file", As(kReader));
  ASSERT_TRUE(file);
  ASSERT_EQ(file->status, 200) << file->body;
  EXPECT_EQ(file->body, std::string("<b>\0\xff", 5));
  EXPECT_EQ(file->get_header_value("Content-Type"), "text/html");
  const std::string disposition = file->get_header_value("Content-Disposition");
  EXPECT_TRUE(disposition.starts_with("attachment; filename=\"minutes _draft_.html\"")) << disposition;
  EXPECT_EQ(file->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(file->get_header_value("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");

  const std::string without = Answer(Send("POST", "/api/v1/interactions", Meeting()), 201)["entry_no"].dump();
  EXPECT_EQ(Refusal(client_->Get("/api/v1/entries/" + without + "/file", As(kReader)), 404),
            "Interaction log entry " + without + " has no file.");
  EXPECT_EQ(Refusal(client_->Get("/api/v1/entries/1/file", As(kReader)), 404),
            "Interaction log entry 1 has no file.");
  EXPECT_EQ(Refusal(client_->Get("/api/v1/entries/999/file", As(kReader)), 404),
            "Interaction log entry 999 does not exist.");
}

TEST_F(InteractionRoutesTest, WhatCannotBeCreatedIsRefusedWithAReason) {
  const std::vector<std::tuple<Json, int, std::string>> cases = {
      {{{"template", "VISIT"}}, 404, "The interaction template 'VISIT' does not exist."},
      {{{"contact", "CT000404"}}, 404, "Contact 'CT000404' does not exist."},
      {{{"salesperson", "ZZ"}}, 404, "Salesperson 'ZZ' does not exist."},
      {{{"salesperson", nullptr}}, 400, "You must fill in the Salesperson Code field."},
      {{{"template", 7}}, 400, "template is text."},
      {{{"information_flow", "sideways"}}, 400, "information_flow is inbound or outbound."},
      {{{"initiated_by", "nobody"}}, 400, "initiated_by is us or them."},
      {{{"postpone", "yes"}}, 400, "postpone is true or false."},
      {{{"file", "offer.pdf"}}, 400, "file is {\"name\", \"type\", \"content_base64\"}."},
      {{{"file", {{"name", "a.txt"}, {"content_base64", "not base64!"}}}},
       400,
       "file.content_base64 is not base64 (RFC 4648: the standard alphabet, padded, without line breaks)."},
      {{{"file", {{"name", "a.txt"}, {"content_base64", "YWJj\nZA=="}}}},
       400,
       "file.content_base64 is not base64 (RFC 4648: the standard alphabet, padded, without line breaks)."},
      {{{"file", {{"name", ""}, {"content_base64", "YWJj"}}}}, 400, "The file has no name."},
  };
  for (const auto& [change, status, message] : cases) {
    SCOPED_TRACE(change.dump());
    Json request = Meeting();
    request.update(change);
    EXPECT_EQ(Refusal(Send("POST", "/api/v1/interactions", request), status), message);
  }
  EXPECT_EQ(Refusal(client_->Post("/api/v1/interactions", As(kEditor), "not json", "application/json"), 400).empty(),
            false);

  // The setup bounds a file's size (10 MiB unless set otherwise).
  ASSERT_EQ(Send("PUT", "/api/v1/setup/max-file-size", {{"value", "3"}}, kAdmin)->status, 200);
  Json big = Meeting();
  big["file"] = {{"name", "a.txt"}, {"content_base64", "YWJjZA=="}};
  EXPECT_EQ(Refusal(Send("POST", "/api/v1/interactions", big), 400),
            "The file has 4 bytes; a file may have at most 3 (setup key max-file-size).");
  EXPECT_TRUE(GetJson("/api/v1/interactions/postponed").empty());
  EXPECT_EQ(EntryNos().size(), 5u) << "nothing recorded";
}

TEST_F(InteractionRoutesTest, AdminsAddTemplatesAndGroupsEveryoneReadsThem) {
  const Json groups = GetJson("/api/v1/groups");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (Json{{"code", "SALES"}, {"description", "Sales"}}));
  const Json templates = GetJson("/api/v1/templates");
  ASSERT_EQ(templates.size(), 2u);
  EXPECT_EQ(templates[0], (Json{{"code", "EMAIL"}, {"group_code", "SYSTEM"}, {"description", "Email"},
                                {"unit_cost", 0.0}, {"unit_duration_min", 0.0}, {"information_flow", nullptr},
                                {"initiated_by", nullptr}}));
  EXPECT_EQ(templates[1]["code"], "MEETING");
  EXPECT_EQ(templates[1]["information_flow"], "outbound");

  EXPECT_EQ(Send("POST", "/api/v1/templates", {{"code", "CALL"}, {"group", "SALES"}}, kEditor)->status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/groups", {{"code", "CALLS"}}, kEditor)->status, 403);
  EXPECT_EQ(Refusal(Send("POST", "/api/v1/templates", {{"code", "meeting"}, {"group", "SALES"}}, kAdmin), 409),
            "Interaction template 'MEETING' already exists.");
  EXPECT_EQ(Refusal(Send("POST", "/api/v1/templates", {{"code", "CALL"}, {"group", "PHONE"}}, kAdmin), 404),
            "Interaction group 'PHONE' does not exist.");
  EXPECT_EQ(Refusal(Send("POST", "/api/v1/templates", {{"code", "CALL"}, {"group", "SALES"}, {"unit_cost", "1"}},
                         kAdmin),
                    400),
            "unit_cost is a number.");
  EXPECT_EQ(Refusal(Send("POST", "/api/v1/groups", {{"code", ""}}, kAdmin), 400), "A group code is required.");
}

}  // namespace
}  // namespace mailtrail::web
