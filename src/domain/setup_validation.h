// The checks made before a logging pass touches any message. Pure: the checks that
// need the mail store (folders exist) are made by the service after these pass.
#pragma once

#include <optional>
#include <string_view>

#include "common/status.h"
#include "domain/model.h"

namespace mailtrail::domain {

inline constexpr std::string_view kTemplateNotSpecified =
    "The interaction template for email messages has not been specified.";
inline constexpr std::string_view kTemplateDoesNotExist =
    "The interaction template for email messages does not exist.";
inline constexpr std::string_view kFoldersMustDiffer = "The queue and storage folders cannot be the same.";

// Checks, in order: the email template is set; it exists (`email_template` is the
// template the setup names, nullopt when missing); its group is SYSTEM; the mail
// store, queue folder and storage folder are set; queue and storage differ; a
// review folder, when unmatched mail is moved, differs from both.
// Returns kFailedPrecondition with the message a person sees, or OK.
Status ValidateSetup(const Setup& setup, const std::optional<InteractionTemplate>& email_template);

}  // namespace mailtrail::domain
