// The REST API through a real HTTP server on loopback, over a pass's real entries
// (SQLite, Maildir): authentication, the whole matrix of route × permission set,
// paging, Show, sign-in throttling.
#include "web/rest_api.h"

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
      {"PUT /api/v1/entries/{entry_no}/evaluation", R"({"value": "positive"})"},
      {"PUT /api/v1/entries/{entry_no}/canceled", R"({"value": false})"},
  };
  for (const ApiRoute& route : ApiRoutes()) {
    if (!route.permission) continue;
    for (PermissionSet set : {PermissionSet::kBasic, PermissionSet::kRelationshipMgmt,
                              PermissionSet::kEmailLoggingAdmin}) {
      const std::string name = route.method + " " + route.path;
      SCOPED_TRACE(name + " as " + std::string(domain::ToString(set)));
      const auto body = bodies.find(name);
      auto response = Call(route.method, Concrete(route.path), As(set), body == bodies.end() ? "{}" : body->second);
      ASSERT_TRUE(response);
      if (domain::Grants(set, *route.permission)) {
        // A second add of the same salesperson or contact may meet 409; the first one succeeded.
        EXPECT_TRUE(response->status == 200 || response->status == 201 || response->status == 409)
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
