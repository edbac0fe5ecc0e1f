#include "domain/setup_validation.h"

#include <string>

namespace mailtrail::domain {
namespace {

Status Fail(std::string_view message) { return Status::FailedPrecondition(std::string(message)); }

}  // namespace

Status ValidateSetup(const Setup& setup, const std::optional<InteractionTemplate>& email_template) {
  if (setup.email_template.empty()) return Fail(kTemplateNotSpecified);
  if (!email_template) return Fail(kTemplateDoesNotExist);
  if (email_template->group_code != kSystemGroupCode) {
    return Fail("The interaction template for email messages must belong to interaction group " +
                std::string(kSystemGroupCode) + ".");
  }
  if (setup.mail_store.empty()) return Fail("The mail store has not been specified.");
  if (setup.queue_folder.empty()) return Fail("The queue folder has not been specified.");
  if (setup.storage_folder.empty()) return Fail("The storage folder has not been specified.");
  if (setup.queue_folder == setup.storage_folder) return Fail(kFoldersMustDiffer);
  const std::string& review = setup.unmatched_action.move_to_folder;
  if (!review.empty() && (review == setup.queue_folder || review == setup.storage_folder)) {
    return Fail("The review folder for unmatched email must differ from the queue and storage folders.");
  }
  const UnauthenticatedSenderAction& unauthenticated = setup.unauthenticated_sender;
  if (unauthenticated.kind != UnauthenticatedSenderAction::kLog && setup.authserv_id.empty()) {
    return Fail("Unauthenticated senders can only be flagged or rejected when the setup names the authserv-id "
                "of the server whose Authentication-Results are trusted.");
  }
  const std::string& rejected = unauthenticated.review_folder;
  if (!rejected.empty() && (rejected == setup.queue_folder || rejected == setup.storage_folder)) {
    return Fail("The review folder for unauthenticated senders must differ from the queue and storage folders.");
  }
  return Status::Ok();
}

}  // namespace mailtrail::domain
