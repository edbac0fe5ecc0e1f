// Interaction groups and templates, and the interactions people create by hand
// (Business Central's Create Interaction), which they may postpone to finish
// later. Thread-safety: as the Database passed in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "db/database.h"
#include "domain/model.h"

namespace mailtrail::service {

// Longest group and template code (Business Central's Code[10]).
inline constexpr std::size_t kMaxInteractionCodeLength = 10;
// Longest name of a file attached to an interaction, in bytes.
inline constexpr std::size_t kMaxFileNameLength = 255;

// Upper-cases the code; returns the group as added. Errors: kInvalidArgument
// (empty or too long code), kAlreadyExists.
Result<domain::InteractionGroup> AddInteractionGroup(db::Database& db, domain::InteractionGroup group);

// Upper-cases the code and the group code; returns the template as added.
// Errors: kInvalidArgument (empty or too long code, no group, negative unit cost
// or duration), kNotFound (group), kAlreadyExists.
Result<domain::InteractionTemplate> AddInteractionTemplate(db::Database& db, domain::InteractionTemplate tmpl);

// What a person gives Create Interaction.
struct InteractionRequest {
  std::string template_code;
  std::string contact_no;
  std::string salesperson_code;
  std::string description;                                  // "": the template's
  std::optional<domain::InformationFlow> information_flow;  // unset: the template's
  std::optional<domain::InitiatedBy> initiated_by;          // unset: the template's
  // Its name loses any folder part; its type, when empty, is application/octet-stream.
  std::optional<domain::InteractionFile> file;
  bool postpone = false;  // save it to finish later
};

// Checks `request` and records the interaction, dated `now` (domain::
// MakeInteractionEntry), postponed when it says so; returns it as recorded.
// Errors: kInvalidArgument ("You must fill in the Salesperson Code field." and
// the like for a missing template, contact, salesperson, description,
// information flow or initiated by that the template does not give either; a file
// without a name, with a name too long, of a type that is no media type, or larger
// than the setup's max-file-size), kNotFound (the template, contact or
// salesperson does not exist).
Result<domain::InteractionLogEntry> CreateInteraction(db::Database& db, InteractionRequest request,
                                                      domain::UnixTime now);

// Resumes postponed interaction `entry_no`: the fields `request` sets replace
// those saved (its date and time stay; a file replaces the file it had), checked as
// CreateInteraction checks them; then it is completed, and among the entries, or,
// when request.postpone, saved and still postponed. Returns it as recorded.
// Errors: those of CreateInteraction; kNotFound when there is no such postponed
// interaction.
Result<domain::InteractionLogEntry> ResumeInteraction(db::Database& db, std::int64_t entry_no,
                                                      InteractionRequest request);

}  // namespace mailtrail::service
