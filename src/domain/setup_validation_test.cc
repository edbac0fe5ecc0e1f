#include "domain/setup_validation.h"

#include <gtest/gtest.h>

namespace mailtrail::domain {
namespace {

domain::Setup CompleteSetup() {
  domain::Setup setup;
  setup.mail_store = "maildir:///srv/mail";
  setup.queue_folder = "Queue";
  setup.storage_folder = "Storage";
  setup.email_template = "EMAIL";
  return setup;
}

InteractionTemplate EmailTemplate(std::string group = "SYSTEM") {
  InteractionTemplate t;
  t.code = "EMAIL";
  t.group_code = std::move(group);
  return t;
}

std::string Check(const domain::Setup& setup, const std::optional<InteractionTemplate>& tmpl) {
  Status status = ValidateSetup(setup, tmpl);
  if (status.ok()) return "ok";
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  return status.message();
}

TEST(SetupValidationTest, CompleteSetupPasses) { EXPECT_EQ(Check(CompleteSetup(), EmailTemplate()), "ok"); }

TEST(SetupValidationTest, TemplateChecksComeFirstWithExactTexts) {
  domain::Setup setup;  // nothing set at all
  EXPECT_EQ(Check(setup, std::nullopt), "The interaction template for email messages has not been specified.");
  setup.email_template = "EMAIL";
  EXPECT_EQ(Check(setup, std::nullopt), "The interaction template for email messages does not exist.");
  EXPECT_EQ(Check(CompleteSetup(), EmailTemplate("SALES")),
            "The interaction template for email messages must belong to interaction group SYSTEM.");
}

TEST(SetupValidationTest, FoldersMustBeSetAndDiffer) {
  domain::Setup setup = CompleteSetup();
  setup.mail_store.clear();
  EXPECT_EQ(Check(setup, EmailTemplate()), "The mail store has not been specified.");
  setup = CompleteSetup();
  setup.queue_folder.clear();
  EXPECT_EQ(Check(setup, EmailTemplate()), "The queue folder has not been specified.");
  setup = CompleteSetup();
  setup.storage_folder.clear();
  EXPECT_EQ(Check(setup, EmailTemplate()), "The storage folder has not been specified.");
  setup = CompleteSetup();
  setup.storage_folder = "Queue";
  EXPECT_EQ(Check(setup, EmailTemplate()), "The queue and storage folders cannot be the same.");
}

TEST(SetupValidationTest, ReviewFolderMustDiffer) {
  domain::Setup setup = CompleteSetup();
  setup.unmatched_action.move_to_folder = "Storage";
  EXPECT_NE(Check(setup, EmailTemplate()), "ok");
  setup.unmatched_action.move_to_folder = "Review";
  EXPECT_EQ(Check(setup, EmailTemplate()), "ok");
}

}  // namespace
}  // namespace mailtrail::domain
