// The REST API through a real HTTP server on loopback, over a pass's real entries
// (SQLite, Maildir): authentication, the whole matrix of route × permission set,
// paging, Show, sign-in throttling.
#include "web/rest_api.h"

#include <functional>

#include "common/csv_reader.h"
#include "service/directory_admin.h"
#include "service/interactions.h"
#include "web/api_test_fixture.h"

namespace mailtrail::web {
namespace {

using domain::PermissionSet;
using Json = nlohmann::json;

TEST_F(RestApiTest, EveryRouteButSignInRefusesACallerWithoutAValidToken) {
  for (const ApiRoute& route : ApiRoutes()) {
    if (!route.permission) continue;
    SCOPED_TRACE(route.method + " " + route.path);
    for (const httplib::Headers& headers :
         {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer mt_" + std::string(64, '0')}},
          httplib::Headers{{"Authorization", "Basic dXNlcjpwYXNz"}}}) {
      auto response = Call(route.method, Concrete(route.path), headers);
      ASSERT_TRUE(response);
      EXPECT_EQ(response->status, 401) << response->body;
      EXPECT_EQ(response->get_header_value("WWW-Authenticate"), "Bearer");
    }
  }
}

// The whole matrix: each route with a token of each permission set.
TEST_F(RestApiTest, EachPermissionSetReachesExactlyTheRoutesItGrants) {
  // Bodies that a granted call accepts, so that success is seen, not just "not 403".
  const std::map<std::string, std::string> bodies = {
      {"POST /api/v1/salespersons", R"({"code": "ZZ", "name": "Z", "email": "z@cronus.example"})"},
      {"POST /api/v1/contacts", R"({"type": "company", "name": "Fabrikam", "email": "info@fabrikam.example"})"},
      {"PUT /api/v1/setup/{key}", R"({"value": "100"})"},
      {"PUT /api/v1/contacts/{contact_no}/email", R"({"value": "info@adatum.example"})"},
      {"POST /api/v1/contacts/{contact_no}/alt-addresses", R"({"code": "HOME", "email": "home@adatum.example"})"},
      {"PUT /api/v1/contacts/{contact_no}/do-not-log", R"({"value": false})"},
      {"POST /api/v1/never-log", R"({"entry": "globex.example"})"},
      {"POST /api/v1/users", R"({"name": "new-user", "password": "correct horse battery", "permission_set": "BASIC"})"},
      {"PUT /api/v1/users/{name}/permission-set", R"({"value": "RM-CONT"})"},
      {"PUT /api/v1/users/{name}/password", R"({"value": "another long password"})"},
      {"PUT /api/v1/entries/{entry_no}/evaluation", R"({"value": "positive"})"},
      {"PUT /api/v1/entries/{entry_no}/canceled", R"({"value": false})"},
      {"PUT /api/v1/jobs/{job_id}/status", R"({"value": "on hold"})"},
      {"POST /api/v1/interactions",
       R"({"template": "EMAIL", "contact": "CT000002", "salesperson": "JO", "information_flow": "outbound",
           "initiated_by": "us", "file": {"name": "notes.txt", "type": "text/plain", "content_base64": "Tm90ZXM="}})"},
      {"POST /api/v1/templates", R"({"code": "CALL", "group": "SYSTEM", "information_flow": "outbound"})"},
      {"POST /api/v1/groups", R"({"code": "SALES", "description": "Sales"})"},
  };
  // Routes on an interaction a person created: a new one for each call, since a
  // granted call resumes or deletes it.
  auto created = [this](bool postpone) {
    auto entry = service::CreateInteraction(
        *db_,
        {.template_code = "EMAIL", .contact_no = ann_, .salesperson_code = "JO",
         .information_flow = domain::InformationFlow::kOutbound, .initiated_by = domain::InitiatedBy::kUs,
         .file = domain::InteractionFile{"notes.txt", "text/plain", "Notes"}, .postpone = postpone},
        0);
    EXPECT_TRUE(entry.ok()) << entry.status().ToString();
    return std::to_string(entry.ok() ? entry->entry_no : 0);
  };
  const std::map<std::string, std::function<std::string()>> paths = {
      {"POST /api/v1/interactions/postponed/{entry_no}/resume",
       [&] { return "/api/v1/interactions/postponed/" + created(true) + "/resume"; }},
      {"DELETE /api/v1/interactions/postponed/{entry_no}",
       [&] { return "/api/v1/interactions/postponed/" + created(true); }},
      {"GET /api/v1/entries/{entry_no}/file", [&] { return "/api/v1/entries/" + created(false) + "/file"; }},
      {"GET /api/v1/entries/export", [] { return std::string("/api/v1/entries/export?format=csv"); }},
      {"DELETE /api/v1/never-log/{entry}",
       [&] {
         (void)service::AddNeverLogEntry(*db_, "initech.example");  // may be there from the call before
         return std::string("/api/v1/never-log/initech.example");
       }},
  };
  for (const ApiRoute& route : ApiRoutes()) {
    if (!route.permission) continue;
    for (PermissionSet set : {PermissionSet::kBasic, PermissionSet::kRelationshipMgmt,
                              PermissionSet::kEmailLoggingAdmin}) {
      const std::string name = route.method + " " + route.path;
      SCOPED_TRACE(name + " as " + std::string(domain::ToString(set)));
      const auto body = bodies.find(name);
      const auto path = paths.find(name);
      // Signing out revokes the token used: a token of its own.
      const httplib::Headers headers =
          name == "DELETE /api/v1/sessions"
              ? httplib::Headers{{"Authorization",
                                  "Bearer " + *service::IssueApiToken(*db_, "user-" + std::string(domain::ToString(set)),
                                                                      "signs out")}}
              : As(set);
      auto response = Call(route.method, path == paths.end() ? Concrete(route.path) : path->second(), headers,
                           body == bodies.end() ? "{}" : body->second);
      ASSERT_TRUE(response);
      if (domain::Grants(set, *route.permission)) {
        // A second add of the same salesperson or contact may meet 409; the first one succeeded.
        // Run now answers 202: started.
        EXPECT_TRUE(response->status == 200 || response->status == 201 || response->status == 202 ||
                    response->status == 409)
            << response->status << " " << response->body;
      } else {
        EXPECT_EQ(response->status, 403) << response->body;
      }
    }
  }
}

TEST_F(RestApiTest, SignInGivesATokenAndRefusesAddressesThatKeepGuessing) {
  auto signed_in = client_->Post("/api/v1/sessions",
                                 R"({"name": "user-RM-CONT", "password": "correct horse battery"})",
                                 "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 201) << signed_in->body;
  const std::string token = Json::parse(signed_in->body)["token"];
  auto me = client_->Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(me);
  EXPECT_EQ(Json::parse(me->body)["permission_set"], "RM-CONT");
  EXPECT_EQ(me->body.find("password"), std::string::npos);

  for (int i = 0; i < 5; ++i) {
    auto wrong = client_->Post("/api/v1/sessions", R"({"name": "user-RM-CONT", "password": "guess"})",
                               "application/json");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 403);
  }
  auto refused = client_->Post("/api/v1/sessions",
                               R"({"name": "user-RM-CONT", "password": "correct horse battery"})",
                               "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429) << "even the right password, until the minute has passed";
}

TEST_F(RestApiTest, AnAdministratorManagesOtherUsersButNotThemself) {
  const auto admin = As(PermissionSet::kEmailLoggingAdmin);
  auto added = Call("POST", "/api/v1/users", admin,
                    R"({"name": "carol", "password": "correct horse battery", "permission_set": "rm-cont"})");
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Json::parse(added->body)["permission_set"], "RM-CONT");
  EXPECT_EQ(Call("POST", "/api/v1/users", admin, R"({"name": "dave", "password": "short", "permission_set": "BASIC"})")
                ->status,
            400);
  EXPECT_EQ(Call("POST", "/api/v1/users", admin, R"({"name": "dave", "password": "correct horse battery"})")->status,
            400)
      << "no permission set";
  EXPECT_EQ(Call("PUT", "/api/v1/users/carol/permission-set", admin, R"({"value": "BASIC"})")->status, 200);
  EXPECT_EQ(Call("PUT", "/api/v1/users/carol/password", admin, R"({"value": "a new long password"})")->status, 200);
  auto signed_in = Call("POST", "/api/v1/sessions", {}, R"({"name": "carol", "password": "a new long password"})");
  EXPECT_EQ(signed_in->status, 201) << signed_in->body;
  EXPECT_EQ(Json::parse(signed_in->body)["user"]["permission_set"], "BASIC");

  const std::string self = "/api/v1/users/user-EMAIL-LOGGING-ADMIN";
  EXPECT_EQ(Call("PUT", self + "/permission-set", admin, R"({"value": "BASIC"})")->status, 409);
  EXPECT_EQ(Call("DELETE", self, admin)->status, 409);
  EXPECT_EQ(Call("DELETE", "/api/v1/users/carol", admin)->status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/users/carol", admin)->status, 404);
}

// The pages' way in: a session cookie the page cannot read, and an anti-forgery
// token for every change, so that another site's page cannot act for the user.
TEST_F(RestApiTest, APageSessionIsACookieAndEachChangeCarriesItsCsrfToken) {
  auto signed_in = Call("POST", "/api/v1/sessions", {},
                        R"({"name": "user-RM-CONT", "password": "correct horse battery", "session": "cookie"})");
  ASSERT_EQ(signed_in->status, 201) << signed_in->body;
  const Json answer = Json::parse(signed_in->body);
  EXPECT_FALSE(answer.contains("token")) << "the token stays in the cookie";
  const std::string csrf = answer["csrf_token"];
  const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("Max-Age=43200"), std::string::npos) << set_cookie;
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  const httplib::Headers page = {{"Cookie", "theme=dark; " + cookie}};
  auto me = client_->Get("/api/v1/me", page);
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(Json::parse(me->body)["csrf_token"], csrf) << "a reloaded page finds it again";

  const std::string evaluate = R"({"value": "neutral"})";
  EXPECT_EQ(Call("PUT", "/api/v1/entries/1/evaluation", page, evaluate)->status, 403) << "no CSRF token";
  httplib::Headers forged = page;
  forged.emplace("X-CSRF-Token", std::string(csrf.size(), '0'));
  EXPECT_EQ(Call("PUT", "/api/v1/entries/1/evaluation", forged, evaluate)->status, 403) << "a wrong one";
  httplib::Headers genuine = page;
  genuine.emplace("X-CSRF-Token", csrf);
  EXPECT_EQ(Call("PUT", "/api/v1/entries/1/evaluation", genuine, evaluate)->status, 200);
  auto text_plain = client_->Put("/api/v1/entries/1/evaluation", genuine, evaluate, "text/plain");
  EXPECT_EQ(text_plain->status, 400) << "only application/json, which a form of another site cannot send";

  auto signed_out = Call("DELETE", "/api/v1/sessions", genuine);
  ASSERT_EQ(signed_out->status, 200) << signed_out->body;
  EXPECT_NE(signed_out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(client_->Get("/api/v1/me", page)->status, 401) << "the session ended on the server too";
}

TEST_F(RestApiTest, ASignInTokenExpiresAndSigningOutRevokesIt) {
  auto signed_in = Call("POST", "/api/v1/sessions", {}, R"({"name": "user-BASIC", "password": "correct horse battery"})");
  ASSERT_EQ(signed_in->status, 201);
  const Json answer = Json::parse(signed_in->body);
  EXPECT_NEAR(answer["expires_at"].get<double>(), static_cast<double>(std::time(nullptr) + 12 * 3600), 60);
  const httplib::Headers bearer = {{"Authorization", "Bearer " + answer["token"].get<std::string>()}};
  EXPECT_EQ(client_->Get("/api/v1/me", bearer)->status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/sessions", bearer)->status, 200) << "no CSRF token needed with a bearer token";
  EXPECT_EQ(client_->Get("/api/v1/me", bearer)->status, 401);
}

TEST_F(RestApiTest, EntriesExportAsADownloadWithTheListsFilters) {
  auto csv = client_->Get("/api/v1/entries/export?format=csv&salesperson=JO", As(PermissionSet::kBasic));
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"interaction-log-entries.csv\"");
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  auto records = ReadCsv(csv->body);
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 6u) << "a header line and every entry, not one page";
  EXPECT_EQ((*records)[0].fields.front(), "entry_no");
  EXPECT_EQ((*records)[0].fields.size(), (*records)[1].fields.size());
  EXPECT_EQ((*records)[1].fields.front(), "1");

  auto json = client_->Get("/api/v1/entries/export?format=json", As(PermissionSet::kBasic));
  ASSERT_TRUE(json && json->status == 200);
  EXPECT_EQ(json->get_header_value("Content-Disposition"), "attachment; filename=\"interaction-log-entries.json\"");
  const Json all = Json::parse(json->body);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0], GetJson("/api/v1/entries/1")) << "the fields of the list";
  EXPECT_EQ(Json::parse(client_->Get("/api/v1/entries/export?format=json&direction=inbound",
                                     As(PermissionSet::kBasic))->body),
            Json::array());
  EXPECT_EQ(client_->Get("/api/v1/entries/export?format=xml", As(PermissionSet::kBasic))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/entries/export?format=csv&review=maybe", As(PermissionSet::kBasic))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/entries/export?format=csv")->status, 401);
}

TEST_F(RestApiTest, EntriesArePagedByKeyAndFiltered) {
  std::vector<std::int64_t> seen;
  std::string path = "/api/v1/entries?limit=2";
  for (int page = 0; page < 10; ++page) {
    const Json body = GetJson(path);
    for (const Json& entry : body["entries"]) seen.push_back(entry["entry_no"]);
    if (body["next_after"].is_null()) break;
    path = "/api/v1/entries?limit=2&after=" + std::to_string(body["next_after"].get<std::int64_t>());
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(GetJson("/api/v1/entries?salesperson=JO")["entries"].size(), 5u);
  EXPECT_EQ(GetJson("/api/v1/entries?salesperson=AH")["entries"].size(), 0u);
  EXPECT_EQ(GetJson("/api/v1/entries?direction=inbound")["entries"].size(), 0u);
  EXPECT_EQ(client_->Get("/api/v1/entries?limit=0", As(PermissionSet::kBasic))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/entries?direction=sideways", As(PermissionSet::kBasic))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/entries/999", As(PermissionSet::kBasic))->status, 404);
  // Nothing was logged for review; each entry says its sender was not checked.
  EXPECT_EQ(GetJson("/api/v1/entries?review=true")["entries"].size(), 0u);
  EXPECT_EQ(GetJson("/api/v1/entries?review=false")["entries"].size(), 5u);
  EXPECT_EQ(GetJson("/api/v1/entries/1")["sender_check"], "unchecked");
  EXPECT_EQ(client_->Get("/api/v1/entries?review=yes", As(PermissionSet::kBasic))->status, 400);
}

TEST_F(RestApiTest, AStoredMessageIsDownloadedAsItWasLogged) {
  const std::int64_t first = GetJson("/api/v1/entries")["entries"][0]["entry_no"];
  auto message = client_->Get("/api/v1/entries/" + std::to_string(first) + "/message", As(PermissionSet::kBasic));
  ASSERT_TRUE(message);
  ASSERT_EQ(message->status, 200) << message->body;
  EXPECT_EQ(message->get_header_value("Content-Type"), "message/rfc822");
  EXPECT_NE(message->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(message->body, Messages("Storage").front());
  EXPECT_EQ(message->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(RestApiTest, AnAttachmentDownloadsAsBytesWhateverTypeItClaims) {
  const Json view = GetJson("/api/v1/entries/1/view");
  ASSERT_EQ(view["attachments"].size(), 1u) << view.dump();
  EXPECT_EQ(view["attachments"][0]["name"], "offer <1>.pdf");
  auto file = client_->Get("/api/v1/entries/1/attachments/0", As(PermissionSet::kBasic));
  ASSERT_TRUE(file);
  ASSERT_EQ(file->status, 200) << file->body;
  EXPECT_EQ(file->body, "%PDF-1.4\n");
  EXPECT_EQ(file->get_header_value("Content-Type"), "application/octet-stream") << "never the claimed text/html";
  // httplib's client decodes %XX in header values: the server sent offer%20%3C1%3E.pdf.
  EXPECT_EQ(file->get_header_value("Content-Disposition"),
            "attachment; filename=\"offer _1_.pdf\"; filename*=UTF-8''offer <1>.pdf");
  EXPECT_EQ(client_->Get("/api/v1/entries/1/attachments/1", As(PermissionSet::kBasic))->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/entries/1/attachments/x", As(PermissionSet::kBasic))->status, 400);
}

TEST_F(RestApiTest, AMessageGoneFromStorageSaysSoInBusinessCentralsWords) {
  backend_->RemoveAll("Storage");
  for (const std::string path : {"/api/v1/entries/2/view", "/api/v1/entries/2/message"}) {
    auto response = client_->Get(path, As(PermissionSet::kBasic));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 404) << path;
    EXPECT_EQ(Json::parse(response->body)["error"], "The email message cannot be displayed or has been deleted.");
  }
}

TEST_F(RestApiTest, AHostileMessageIsShownWithItsHtmlMadeSafe) {
  Deliver(
      "From: jim.olivo@cronus.example\r\nTo: ann.smith@adatum.example\r\nSubject: Hostile\r\n"
      "Message-ID: <hostile@cronus.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
      "<p onmouseover=\"steal()\">Hello <a href=\"javascript:steal()\">there</a></p>"
      "<script>steal()</script><img src=\"https://tracker.example/pixel.gif\">\r\n");
  PassOrDie();
  const Json entries = GetJson("/api/v1/entries?subject=")["entries"];
  const std::int64_t last = entries.back()["entry_no"];
  const Json view = GetJson("/api/v1/entries/" + std::to_string(last) + "/view");
  ASSERT_TRUE(view["html"].is_string()) << view.dump();
  const std::string html = view["html"];
  EXPECT_EQ(html.find("script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onmouseover"), std::string::npos) << html;
  EXPECT_EQ(html.find(" src="), std::string::npos) << html;
  EXPECT_EQ(view["blocked_images"], 1);
  EXPECT_NE(GetJson("/api/v1/entries/" + std::to_string(last) + "/view?images=remote")["html"].get<std::string>().find(
                " src=\"https://tracker.example/pixel.gif\""),
            std::string::npos);
  EXPECT_EQ(view["headers"][0]["name"], "From");
}

TEST_F(RestApiTest, EntriesAreEvaluatedCanceledAndTheCanceledDeleted) {
  const auto as_rm = As(PermissionSet::kRelationshipMgmt);
  auto evaluated = client_->Put("/api/v1/entries/1/evaluation", as_rm, R"({"value": "very negative"})", "application/json");
  ASSERT_TRUE(evaluated);
  EXPECT_EQ(Json::parse(evaluated->body)["evaluation"], "very negative");
  EXPECT_EQ(client_->Put("/api/v1/entries/1/evaluation", as_rm, R"({"value": "great"})", "application/json")->status, 400);
  auto canceled = client_->Put("/api/v1/entries/2/canceled", as_rm, R"({"value": true})", "application/json");
  ASSERT_TRUE(canceled);
  EXPECT_EQ(Json::parse(canceled->body)["canceled"], true);
  auto deleted = client_->Post("/api/v1/entries/delete-canceled", as_rm, "{}", "application/json");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(Json::parse(deleted->body)["deleted"], 1);
  EXPECT_EQ(GetJson("/api/v1/entries")["entries"].size(), 4u);
  EXPECT_EQ(client_->Get("/api/v1/entries/2", As(PermissionSet::kBasic))->status, 404);
}

TEST_F(RestApiTest, MetricsAreInPrometheusTextFormat) {
  auto metrics = client_->Get("/metrics", As(PermissionSet::kBasic));
  ASSERT_TRUE(metrics);
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4");
  EXPECT_NE(metrics->body.find("mailtrail_messages_processed_total{outcome=\"logged\"} 5\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("mailtrail_passes_total 1\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("mailtrail_mail_store_up 1\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("mailtrail_queue_messages 0\n"), std::string::npos) << metrics->body;
  Deliver(Outbound("waiting@cronus.example"));
  EXPECT_NE(client_->Get("/metrics", As(PermissionSet::kBasic))->body.find("mailtrail_queue_messages 1\n"),
            std::string::npos);
}

TEST_F(RestApiTest, TheOpenApiDocumentListsEveryRoute) {
  const Json document = GetJson("/api/v1/openapi.json");
  EXPECT_EQ(document["openapi"], "3.0.3");
  for (const ApiRoute& route : ApiRoutes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(document["paths"][route.path].contains(method)) << route.method << " " << route.path;
  }
  EXPECT_EQ(client_->Get("/api/v1/nothing-here", As(PermissionSet::kBasic))->status, 404);
}

}  // namespace
}  // namespace mailtrail::web
