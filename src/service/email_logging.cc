#include "service/email_logging.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/directory.h"
#include "domain/rules.h"
#include "domain/setup_validation.h"

namespace mailtrail::service {
namespace {

using domain::Outcome;

// What a pass needs, checked and loaded once.
struct PassContext {
  domain::Setup setup;
  domain::InteractionTemplate email_template;
  std::unique_ptr<mailstore::MailStore> store;
  // The folder whose messages are processed: the queue folder, or the one a
  // relog goes over, which it leaves as it is (nothing deleted or sent to review).
  std::string source_folder;
  bool relog = false;
};

Status CheckFolder(mailstore::MailStore& store, std::string_view role, const std::string& folder) {
  Status status = store.CheckFolder(folder);
  if (status.code() == StatusCode::kNotFound) {
    return Status::NotFound("The " + std::string(role) + " folder '" + folder +
                            "' does not exist in the mail store.");
  }
  return status;
}

// The setup and its email template, checked (Business Central's "Validating setup").
Result<PassContext> ValidatedSetup(db::Database& db) {
  MT_RETURN_IF_ERROR(db.CheckSchema());
  MT_ASSIGN_OR_RETURN(domain::Setup setup, db.LoadSetup());
  std::optional<domain::InteractionTemplate> email_template;
  if (!setup.email_template.empty()) {
    MT_ASSIGN_OR_RETURN(email_template, db.FindTemplate(setup.email_template));
  }
  MT_RETURN_IF_ERROR(domain::ValidateSetup(setup, email_template));
  return PassContext{std::move(setup), std::move(*email_template), nullptr, {}, false};
}

// The mail store, open, with every folder the pass uses ("Opening queue folder").
Status OpenFolders(PassContext& context, const PassOptions& options) {
  const domain::Setup& setup = context.setup;
  MT_ASSIGN_OR_RETURN(context.store, OpenStore(options.open_mail_store, setup));
  MT_RETURN_IF_ERROR(CheckFolder(*context.store, "queue", setup.queue_folder));
  MT_RETURN_IF_ERROR(CheckFolder(*context.store, "storage", setup.storage_folder));
  if (!setup.unmatched_action.deletes()) {
    MT_RETURN_IF_ERROR(CheckFolder(*context.store, "review", setup.unmatched_action.move_to_folder));
  }
  if (!setup.unauthenticated_sender.review_folder.empty()) {
    MT_RETURN_IF_ERROR(CheckFolder(*context.store, "review", setup.unauthenticated_sender.review_folder));
  }
  return Status::Ok();
}

// The pass's context; `relog_folder` set: a relog over that folder (empty: the
// storage folder).
Result<PassContext> PreparePass(db::Database& db, const PassOptions& options,
                                std::optional<std::string> relog_folder = std::nullopt) {
  auto context = ValidatedSetup(db);
  if (!context.ok()) return context.status().WithContext(kValidatingSetup);
  MT_RETURN_IF_ERROR_IN(kOpeningQueueFolder, OpenFolders(*context, options));
  context->source_folder = context->setup.queue_folder;
  if (relog_folder) {
    context->relog = true;
    context->source_folder = relog_folder->empty() ? context->setup.storage_folder : *relog_folder;
    MT_RETURN_IF_ERROR_IN(kOpeningQueueFolder, CheckFolder(*context->store, "relogged", context->source_folder));
  }
  return context;
}

Result<domain::Directory> LoadDirectory(db::Database& db) {
  MT_ASSIGN_OR_RETURN(auto salespersons, db.ListSalespersons());
  MT_ASSIGN_OR_RETURN(auto contacts, db.ListContacts());
  MT_ASSIGN_OR_RETURN(auto alt_addresses, db.ListAltAddresses());
  MT_ASSIGN_OR_RETURN(auto never_log, db.ListNeverLog());
  return domain::Directory(std::move(salespersons), std::move(contacts), std::move(alt_addresses),
                           std::move(never_log));
}

domain::UnixTime Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One queue message on its way through a batch.
struct Item {
  mailstore::MessageRef ref;
  domain::Envelope envelope;
  domain::Decision decision;
  std::optional<domain::Attachment> logged_attachment;  // set for rule 7 from the database
  std::optional<domain::StoredLocation> stored_at;      // set once copied to storage
};

// A batch as read from the queue: the messages that could be read and parsed,
// and how many could not.
struct ReadBatch {
  std::vector<Item> items;
  std::vector<std::string> failed;  // keys of the messages that could not be read or parsed, or passed a limit
};

// The identity rule 7 compares: Message-ID, else content hash.
std::string DedupKey(const domain::Envelope& envelope) {
  return envelope.message_id.empty() ? "sha256:" + envelope.content_hash : "mid:" + envelope.message_id;
}

class BatchRunner {
 public:
  BatchRunner(db::Database& db, PassContext& context, const domain::Directory& directory,
              const PassOptions& options, PassSummary& summary)
      : db_(db), context_(context), directory_(directory), options_(options), summary_(summary) {}


  // Reads and parses a batch from `store` (the pass's own, or a second one that
  // reads ahead): the header blocks in one call to the store, and then whole
  // those messages that have no Message-ID, as their content hash is their
  // identity. Touches nothing else of the runner, so it may run on another
  // thread than LogAndDequeue. A message that cannot be read or parsed, or that
  // passes a limit on untrusted input (its envelope may then be incomplete: a
  // Sensitivity or recipient past the cut), stays in the queue and is left out
  // of the items, counted as failed.
  Result<ReadBatch> Read(mailstore::MailStore& store, std::span<const mailstore::MessageRef> refs) const {
    ReadBatch read;
    std::vector<mailstore::MessageRef> batch;
    batch.reserve(refs.size());
    const mime::ParseLimits& limits = options_.parse_limits;
    for (const mailstore::MessageRef& ref : refs) {
      if (ref.size > 0 && static_cast<std::uint64_t>(ref.size) > limits.max_message_bytes) {
        LeaveInQueue(ref,
                     "it has " + std::to_string(ref.size) + " bytes, past the limit " +
                         mime::DescribeLimits({"max_message_bytes"}, limits),
                     read);
      } else {
        batch.push_back(ref);
      }
    }
    MT_ASSIGN_OR_RETURN(std::vector<Result<domain::Envelope>> envelopes,
                        Parse(store, batch, mime::ContentHashing::kOff));
    std::vector<std::size_t> unidentified;
    std::vector<mailstore::MessageRef> unidentified_refs;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (!envelopes[i].ok() || !envelopes[i]->message_id.empty()) continue;
      unidentified.push_back(i);
      unidentified_refs.push_back(batch[i]);
    }
    if (!unidentified.empty()) {
      MT_ASSIGN_OR_RETURN(std::vector<Result<domain::Envelope>> hashed,
                          Parse(store, unidentified_refs, mime::ContentHashing::kOn));
      for (std::size_t k = 0; k < unidentified.size(); ++k) envelopes[unidentified[k]] = std::move(hashed[k]);
    }
    std::vector<Item>& items = read.items;
    items.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      Result<domain::Envelope>& envelope = envelopes[i];
      if (!envelope.ok()) {
        LeaveInQueue(batch[i], envelope.status().message(), read);
        continue;
      }
      if (!envelope->limits_passed.empty()) {
        LeaveInQueue(batch[i], "it passed the limit(s) " + mime::DescribeLimits(envelope->limits_passed, limits),
                     read);
        continue;
      }
      Item item{batch[i], std::move(*envelope), {}, {}, {}};
      item.envelope.draft = item.envelope.draft || batch[i].draft;
      items.push_back(std::move(item));
    }
    return read;
  }

  // Logs a batch Read returned: stores and commits it, and counts its outcomes.
  // Returns the messages that may now leave the queue.
  Result<std::vector<mailstore::MessageRef>> Log(ReadBatch batch) {
    pending_copies_.clear();
    std::vector<Item>& items = batch.items;
    MT_RETURN_IF_ERROR_IN(kLoggingEmailMessages, Log(items));
    summary_.failed += static_cast<std::int64_t>(batch.failed.size());
    for (std::string& key : batch.failed) left_in_queue_.insert(std::move(key));
    Tally(items);
    std::vector<mailstore::MessageRef> processed;
    processed.reserve(items.size());
    for (const Item& item : items) processed.push_back(item.ref);
    return processed;
  }

  // Keys of the messages of this pass that failed and stay in the queue.
  const std::unordered_set<std::string>& left_in_queue() const { return left_in_queue_; }

  // Deletes from the queue messages whose outcome Log committed. Touches nothing
  // else of the runner, so it may run on another thread than Log.
  Status Dequeue(mailstore::MailStore& store, const std::vector<mailstore::MessageRef>& processed) const {
    if (context_.relog) return Status::Ok();  // a relog leaves its folder as it is
    Status deleted = store.DeleteMessages(context_.setup.queue_folder, processed);
    return deleted.ok() ? deleted : deleted.WithContext(kDeletingFromQueue);
  }

 private:
  // Decides, stores durably, and commits the batch's attachments and entries.
  Status Log(std::vector<Item>& items) {
    std::vector<db::MessageIdentity> identities;
    identities.reserve(items.size());
    for (const Item& item : items) identities.push_back({item.envelope.message_id, item.envelope.content_hash});
    MT_ASSIGN_OR_RETURN(std::vector<std::optional<domain::Attachment>> logged,
                        db_.FindLoggedAttachments(identities));
    std::unordered_set<std::string> handled_in_batch;
    for (std::size_t i = 0; i < items.size(); ++i) {
      items[i].logged_attachment = std::move(logged[i]);
      Decide(items[i], handled_in_batch);
    }
    MT_RETURN_IF_ERROR(BeforeChanges());
    MT_RETURN_IF_ERROR(CopyToStorage(items));
    MT_RETURN_IF_ERROR(CopyToReviewFolders(items));
    MT_RETURN_IF_ERROR(BeforeChanges());
    const db::LoggingBatch batch = MakeLoggingBatch(items);
    MT_RETURN_IF_ERROR(db_.CommitLoggingBatch(batch));
    summary_.relinked += static_cast<std::int64_t>(batch.relinks.size());
    return Status::Ok();
  }

  Status BeforeChanges() const { return options_.before_changes ? options_.before_changes() : Status::Ok(); }

  // Counts `message` as failed in `read`, saying why in the log.
  void LeaveInQueue(const mailstore::MessageRef& message, std::string_view why, ReadBatch& read) const {
    read.failed.push_back(message.key);
    spdlog::warn("Message {} in folder {} left {}: {}", message.key, context_.source_folder,
                 context_.relog ? "unprocessed" : "in the queue", why);
  }

  // The envelopes of `messages`, read in one call to the store: the header block
  // only, unless the content hash is wanted.
  Result<std::vector<Result<domain::Envelope>>> Parse(mailstore::MailStore& store,
                                                      const std::vector<mailstore::MessageRef>& messages,
                                                      mime::ContentHashing hashing) const {
    std::vector<mime::EnvelopeReader> readers;
    readers.reserve(messages.size());
    for (std::size_t i = 0; i < messages.size(); ++i) readers.emplace_back(options_.parse_limits, hashing);
    const auto extent =
        hashing == mime::ContentHashing::kOn ? mailstore::ReadExtent::kWhole : mailstore::ReadExtent::kHeader;
    auto read = store.ReadMessages(context_.source_folder, messages, extent,
                                   [&readers](std::size_t i, std::string_view chunk) { return readers[i].Feed(chunk); });
    if (!read.ok()) return read.status().WithContext(kReadingEmailMessages);
    std::vector<Result<domain::Envelope>> envelopes;
    envelopes.reserve(messages.size());
    for (std::size_t i = 0; i < messages.size(); ++i) {
      envelopes.push_back((*read)[i].ok() ? readers[i].Finish() : Result<domain::Envelope>((*read)[i]));
    }
    return envelopes;
  }

  // Applies the rules to one message, whose logged_attachment is set. A second
  // copy of a message in one batch leaves the work to the first.
  void Decide(Item& item, std::unordered_set<std::string>& handled_in_batch) {
    const std::string key = DedupKey(item.envelope);
    const bool seen_in_batch = handled_in_batch.contains(key);
    if (seen_in_batch) item.logged_attachment.reset();
    const bool already_logged = seen_in_batch || item.logged_attachment.has_value();
    item.decision = domain::Decide(item.envelope, directory_, context_.setup.recipients, already_logged,
                                   {context_.setup.authserv_id, context_.setup.unauthenticated_sender});
    const Outcome outcome = item.decision.outcome;
    if (outcome == Outcome::kLog || outcome == Outcome::kDuplicate) handled_in_batch.insert(key);
    spdlog::debug("Message {}: {} ({})", item.ref.key, domain::ToString(outcome), item.decision.reason);
  }

  // Rule 8 stores new messages; rule 7 repairs a link whose stored copy is gone.
  Status CopyToStorage(std::vector<Item>& items) {
    std::vector<Item*> targets;
    std::vector<Item*> logged_before;
    std::vector<domain::Attachment> attachments;
    for (Item& item : items) {
      if (item.decision.outcome == Outcome::kLog) targets.push_back(&item);
      if (item.decision.outcome == Outcome::kDuplicate && item.logged_attachment) {
        logged_before.push_back(&item);
        attachments.push_back(*item.logged_attachment);
      }
    }
    if (!attachments.empty()) {
      MT_ASSIGN_OR_RETURN(const std::vector<bool> exist, context_.store->ExistAll(attachments));
      for (std::size_t i = 0; i < logged_before.size(); ++i) {
        if (!exist[i]) targets.push_back(logged_before[i]);
      }
    }
    return CopyTo(context_.setup.storage_folder, targets);
  }

  // Unregistered mail, when the setup moves it, and rejected unauthenticated
  // senders go to their review folders.
  Status CopyToReviewFolders(std::vector<Item>& items) {
    if (context_.relog) return Status::Ok();  // a relog leaves its folder as it is
    const std::pair<Outcome, const std::string*> kReviewed[] = {
        {Outcome::kUnregistered, &context_.setup.unmatched_action.move_to_folder},
        {Outcome::kUnauthenticated, &context_.setup.unauthenticated_sender.review_folder}};
    for (const auto& [outcome, folder] : kReviewed) {
      if (folder->empty()) continue;
      std::vector<Item*> targets;
      for (Item& item : items) {
        if (item.decision.outcome == outcome) targets.push_back(&item);
      }
      MT_RETURN_IF_ERROR(CopyTo(*folder, targets));
    }
    return Status::Ok();
  }

  // Copies durably; records where each copy went. The copies are recorded as
  // pending first, so that a later pass knows which ones an interrupted pass may
  // have made already. A relog lets the store adopt any copy already there: over
  // the storage folder that is the message itself, so nothing is copied.
  Status CopyTo(const std::string& folder, const std::vector<Item*>& targets) {
    if (targets.empty()) return Status::Ok();
    std::vector<db::PendingCopy> copies;
    copies.reserve(targets.size());
    for (const Item* item : targets) copies.push_back({folder, DedupKey(item->envelope)});
    MT_ASSIGN_OR_RETURN(const std::vector<bool> recorded_before, db_.RecordPendingCopies(copies));
    pending_copies_.insert(pending_copies_.end(), copies.begin(), copies.end());
    std::vector<mailstore::CopyRequest> requests;
    requests.reserve(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Item* item = targets[i];
      requests.push_back({.source = item->ref,
                          .message_id = item->envelope.message_id,
                          .content_hash = item->envelope.content_hash,
                          .earlier_copy_possible = recorded_before[i] || context_.relog});
    }
    MT_ASSIGN_OR_RETURN(auto locations, context_.store->CopyMessages(context_.source_folder, requests, folder));
    if (locations.size() != targets.size()) {
      return Status::Internal("The mail store returned " + std::to_string(locations.size()) +
                              " locations for " + std::to_string(targets.size()) + " copies.");
    }
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i]->stored_at = std::move(locations[i]);
    return Status::Ok();
  }

  db::LoggingBatch MakeLoggingBatch(const std::vector<Item>& items) const {
    db::LoggingBatch batch;
    batch.settled_copies = pending_copies_;
    const domain::UnixTime now = options_.clock ? options_.clock() : Now();
    for (const Item& item : items) {
      if (item.decision.outcome == Outcome::kLog) {
        domain::Attachment attachment;
        attachment.location = *item.stored_at;
        attachment.message_id = item.envelope.message_id;
        attachment.content_hash = item.envelope.content_hash;
        attachment.size = item.ref.size;
        attachment.sender_check = item.decision.sender_check;
        attachment.review = item.decision.review;
        batch.new_attachments.push_back(
            {std::move(attachment),
             domain::MakeEntries(item.envelope, item.decision, context_.email_template, now)});
      } else if (item.decision.outcome == Outcome::kDuplicate && item.stored_at) {
        batch.relinks.push_back({item.logged_attachment->attachment_no, *item.stored_at});
      }
    }
    return batch;
  }

  void Tally(const std::vector<Item>& items) {
    for (const Item& item : items) {
      switch (item.decision.outcome) {
        case Outcome::kLog:
          ++summary_.logged;
          summary_.entries += static_cast<std::int64_t>(item.decision.parties.size());
          break;
        case Outcome::kSensitive: ++summary_.sensitive; break;
        case Outcome::kNeverLogged: ++summary_.never_logged; break;
        case Outcome::kAddressTooLong: ++summary_.address_too_long; break;
        case Outcome::kInvalid: ++summary_.invalid; break;
        case Outcome::kUnregistered: ++summary_.unregistered; break;
        case Outcome::kDuplicate: ++summary_.duplicate; break;
        case Outcome::kUnauthenticated: ++summary_.unauthenticated; break;
      }
    }
  }

  db::Database& db_;
  PassContext& context_;
  const domain::Directory& directory_;
  const PassOptions& options_;
  PassSummary& summary_;
  std::vector<db::PendingCopy> pending_copies_;  // of the batch running
  std::unordered_set<std::string> left_in_queue_;
};

}  // namespace

Result<std::unique_ptr<mailstore::MailStore>> OpenSetupMailStore(const domain::Setup& setup,
                                                                 const mailstore::ConnectOptions& credentials) {
  mailstore::ConnectOptions options = credentials;
  options.require_tls = setup.require_tls;
  options.ca_file = setup.ca_file;
  return mailstore::OpenMailStore(setup.mail_store, options);
}

Result<std::unique_ptr<mailstore::MailStore>> OpenStore(const MailStoreOpener& opener, const domain::Setup& setup) {
  return opener ? opener(setup) : OpenSetupMailStore(setup);
}

namespace {

// The counts of a summary by their JSON keys, in the order they are written.
constexpr std::pair<const char*, std::int64_t PassSummary::*> kSummaryCounts[] = {
    {"logged", &PassSummary::logged},       {"entries", &PassSummary::entries},
    {"sensitive", &PassSummary::sensitive}, {"never_logged", &PassSummary::never_logged},
    {"address_too_long", &PassSummary::address_too_long},
    {"unregistered", &PassSummary::unregistered}, {"duplicate", &PassSummary::duplicate},
    {"relinked", &PassSummary::relinked},
    {"invalid", &PassSummary::invalid},     {"unauthenticated", &PassSummary::unauthenticated},
    {"failed", &PassSummary::failed}};

}  // namespace

std::string PassSummaryJson(const PassSummary& summary, int indent) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [key, count] : kSummaryCounts) object[key] = summary.*count;
  return object.dump(indent);
}

std::optional<PassSummary> ParsePassSummaryJson(std::string_view json) {
  const auto object = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return std::nullopt;
  PassSummary summary;
  for (const auto& [key, count] : kSummaryCounts) {
    const auto found = object.find(key);
    if (found == object.end()) continue;
    if (!found->is_number_integer()) return std::nullopt;
    summary.*count = found->get<std::int64_t>();
  }
  return summary;
}

Result<std::size_t> ValidateEmailLogging(db::Database& db, const PassOptions& options) {
  MT_ASSIGN_OR_RETURN(PassContext context, PreparePass(db, options));
  auto queued = context.store->ListMessages(context.setup.queue_folder, 0);
  if (!queued.ok()) return queued.status().WithContext(kOpeningQueueFolder);
  return queued->size();
}

namespace {

// Stores of the pass's mail store besides its own, each on a connection of its
// own (for IMAP): one reads the next batch while the current one is logged, one
// deletes the batch before from the queue meanwhile, so that the server's work
// and the parsing overlap the copies and the commit. A store that cannot be had
// is null; the pass's own store then does that work, on the pass's thread.
struct HelperStores {
  std::unique_ptr<mailstore::MailStore> reader;
  std::unique_ptr<mailstore::MailStore> dequeuer;
};

std::unique_ptr<mailstore::MailStore> OpenHelperStore(const PassOptions& options, const domain::Setup& setup) {
  auto opened = OpenStore(options.open_mail_store, setup);
  if (opened.ok()) return std::move(opened).value();
  spdlog::debug("The pass works on one connection to the mail store: {}", opened.status().message());
  return nullptr;
}

HelperStores OpenHelperStores(const PassOptions& options, const domain::Setup& setup) {
  auto dequeuer = std::async(std::launch::async, [&] { return OpenHelperStore(options, setup); });
  std::unique_ptr<mailstore::MailStore> reader = OpenHelperStore(options, setup);
  return {std::move(reader), dequeuer.get()};
}

// Runs `work` on `helper` on a thread of its own, or on `own` (the pass's store)
// on the pass's thread when there is no helper, when the result is asked for.
template <typename Work>
auto OnStore(mailstore::MailStore* helper, mailstore::MailStore& own, Work work) {
  mailstore::MailStore& store = helper != nullptr ? *helper : own;
  return std::async(helper != nullptr ? std::launch::async : std::launch::deferred,
                    [&store, work = std::move(work)] { return work(store); });
}

// One pass over the queue, a listing at a time.
class Pass {
 public:
  Pass(db::Database& db, PassContext& context, const domain::Directory& directory, const PassOptions& options)
      : context_(context), options_(options), runner_(db, context, directory, options, summary_) {}

  // Logs the queue's messages, oldest first, at most setup.batch_size of them.
  Status Run() {
    const auto pass_limit = static_cast<std::size_t>(std::max<std::int64_t>(context_.setup.batch_size, 0));
    std::size_t taken = 0;
    for (;;) {
      std::size_t wanted = options_.messages_per_listing;
      if (pass_limit != 0) wanted = wanted == 0 ? pass_limit - taken : std::min(wanted, pass_limit - taken);
      if (pass_limit != 0 && wanted == 0) return Status::Ok();
      // The messages that failed earlier in the pass are still there, and may be the oldest.
      const std::size_t limit = wanted == 0 ? 0 : wanted + runner_.left_in_queue().size();
      auto listed = context_.store->ListMessages(context_.setup.queue_folder, limit);
      if (!listed.ok()) return listed.status().WithContext(kReadingEmailMessages);
      const bool more_queued = limit != 0 && listed->size() == limit;
      std::erase_if(*listed, [this](const mailstore::MessageRef& message) {
        return runner_.left_in_queue().contains(message.key);
      });
      if (wanted != 0 && listed->size() > wanted) listed->resize(wanted);
      if (listed->empty()) return Status::Ok();
      taken += listed->size();
      MT_ASSIGN_OR_RETURN(const bool go_on, LogRound(*listed));
      if (!go_on || !more_queued) return Status::Ok();
    }
  }

  // Relogs `messages` from index `start` on (the ones before were relogged by
  // an interrupted relog), and records after each batch where it got to.
  // False when between_batches ended it before the last message.
  Result<bool> Relog(db::Database& db, const std::vector<mailstore::MessageRef>& messages, std::size_t start,
                     const std::function<void(const RelogProgress&)>& progress) {
    RelogProgress done{static_cast<std::int64_t>(start), static_cast<std::int64_t>(messages.size())};
    if (progress) progress(done);
    after_batch_ = [&](std::span<const mailstore::MessageRef> batch) -> Status {
      done.done += static_cast<std::int64_t>(batch.size());
      const mailstore::MessageRef& last = batch.back();
      MT_RETURN_IF_ERROR(db.SaveRelogPosition({context_.source_folder, last.key, last.uidvalidity,
                                               last.arrived_at, done.done, done.total}));
      if (progress) progress(done);
      return Status::Ok();
    };
    if (start >= messages.size()) return true;
    return LogRound(std::span<const mailstore::MessageRef>(messages).subspan(start));
  }

  const PassSummary& summary() const { return summary_; }

 private:
  // Logs `round` in batches of transaction_size, each read ahead while the one
  // before is logged, and dequeued while the next is. False when between_batches
  // ended the pass.
  Result<bool> LogRound(std::span<const mailstore::MessageRef> round) {
    const std::size_t step = std::max<std::size_t>(options_.transaction_size, 1);
    std::vector<std::span<const mailstore::MessageRef>> batches;
    for (std::size_t start = 0; start < round.size(); start += step) {
      batches.push_back(round.subspan(start, std::min(step, round.size() - start)));
    }
    // The helpers connect while the first batch is read on the pass's own store.
    const bool open_helpers = batches.size() > 1 && !helpers_;
    std::future<HelperStores> opening =
        std::async(open_helpers ? std::launch::async : std::launch::deferred,
                   [this] { return OpenHelperStores(options_, context_.setup); });
    Result<ReadBatch> first = runner_.Read(*context_.store, batches.front());
    if (open_helpers) helpers_ = opening.get();
    mailstore::MailStore* reader = helpers_ ? helpers_->reader.get() : nullptr;
    mailstore::MailStore* dequeuer = helpers_ ? helpers_->dequeuer.get() : nullptr;
    std::future<Result<ReadBatch>> next;
    std::future<Status> dequeuing;  // of the batch before
    auto dequeued = [&dequeuing]() { return dequeuing.valid() ? dequeuing.get() : Status::Ok(); };
    for (std::size_t i = 0; i < batches.size(); ++i) {
      Result<ReadBatch> current = i == 0 ? std::move(first) : next.get();
      if (i + 1 < batches.size()) {
        next = OnStore(reader, *context_.store,
                       [this, batch = batches[i + 1]](mailstore::MailStore& store) { return runner_.Read(store, batch); });
      }
      if (!current.ok()) return current.status();
      MT_ASSIGN_OR_RETURN(std::vector<mailstore::MessageRef> processed, runner_.Log(std::move(current).value()));
      MT_RETURN_IF_ERROR(dequeued());
      dequeuing = OnStore(dequeuer, *context_.store,
                          [this, processed = std::move(processed)](mailstore::MailStore& store) {
                            return runner_.Dequeue(store, processed);
                          });
      if (after_batch_) MT_RETURN_IF_ERROR(after_batch_(batches[i]));
      if (options_.between_batches && !options_.between_batches(summary_)) {
        MT_RETURN_IF_ERROR(dequeued());
        return false;
      }
    }
    // The next listing must not see this round's messages.
    MT_RETURN_IF_ERROR(dequeued());
    return true;
  }

  PassContext& context_;
  const PassOptions& options_;
  PassSummary summary_;
  BatchRunner runner_;
  std::optional<HelperStores> helpers_;  // opened by the first round of more than one batch
  std::function<Status(std::span<const mailstore::MessageRef>)> after_batch_;  // after each committed batch
};

// Where a relog of `messages` (a listing of its folder) resumes after `position`:
// after the message it names, or, when that one is gone, after the messages that
// arrived up to when it did.
std::size_t ResumeIndex(const std::vector<mailstore::MessageRef>& messages,
                        const std::optional<db::RelogPosition>& position) {
  if (!position) return 0;
  const auto last = std::find_if(messages.begin(), messages.end(), [&](const mailstore::MessageRef& message) {
    return message.key == position->message_key && message.uidvalidity == position->uidvalidity;
  });
  if (last != messages.end()) return static_cast<std::size_t>(last - messages.begin()) + 1;
  const auto later = std::find_if(messages.begin(), messages.end(), [&](const mailstore::MessageRef& message) {
    return message.arrived_at > position->arrived_at;
  });
  return static_cast<std::size_t>(later - messages.begin());
}

void LogSummary(std::string_view what, const PassSummary& summary) {
  spdlog::info("{}: {} logged ({} entries), {} sensitive, {} never logged, {} address too long, "
               "{} invalid, {} unregistered, {} duplicate ({} relinked), {} unauthenticated, {} failed",
               what, summary.logged, summary.entries, summary.sensitive, summary.never_logged,
               summary.address_too_long, summary.invalid, summary.unregistered, summary.duplicate,
               summary.relinked, summary.unauthenticated, summary.failed);
}

}  // namespace

Result<PassSummary> RunEmailLoggingPass(db::Database& db, const PassOptions& options) {
  MT_ASSIGN_OR_RETURN(PassContext context, PreparePass(db, options));
  auto directory = LoadDirectory(db);
  if (!directory.ok()) return directory.status().WithContext(kLoggingEmailMessages);
  Pass pass(db, context, *directory, options);
  MT_RETURN_IF_ERROR(pass.Run());
  LogSummary("Email logging pass", pass.summary());
  return pass.summary();
}

Result<PassSummary> RunRelog(db::Database& db, const RelogOptions& relog, const PassOptions& options) {
  MT_ASSIGN_OR_RETURN(PassContext context, PreparePass(db, options, relog.folder));
  const std::string& folder = context.source_folder;
  auto directory = LoadDirectory(db);
  if (!directory.ok()) return directory.status().WithContext(kLoggingEmailMessages);
  auto listed = context.store->ListMessages(folder, 0);
  if (!listed.ok()) return listed.status().WithContext(kReadingEmailMessages);
  std::optional<db::RelogPosition> position;
  if (relog.restart) {
    MT_RETURN_IF_ERROR_IN(kLoggingEmailMessages, db.ClearRelogPosition(folder));
  } else {
    auto found = db.GetRelogPosition(folder);
    if (!found.ok()) return found.status().WithContext(kLoggingEmailMessages);
    position = std::move(found).value();
  }
  const std::size_t start = ResumeIndex(*listed, position);
  if (start > 0) spdlog::info("Relog of folder {} resumes after {} of {} messages", folder, start, listed->size());
  Pass pass(db, context, *directory, options);
  MT_ASSIGN_OR_RETURN(const bool finished, pass.Relog(db, *listed, start, relog.progress));
  if (finished) MT_RETURN_IF_ERROR_IN(kLoggingEmailMessages, db.ClearRelogPosition(folder));
  LogSummary("Relog of folder " + folder, pass.summary());
  return pass.summary();
}

}  // namespace mailtrail::service
