// mailtrail show ENTRY_NO [--raw]: the stored message of an entry.
#include <string>

#include "cli/context.h"
#include "mime/message_text.h"
#include "service/show.h"

namespace mailtrail::cli {

void AddShowCommand(CLI::App& app, Context& context) {
  auto entry_no = std::make_shared<std::int64_t>(0);
  auto raw = std::make_shared<bool>(false);
  auto* command = app.add_subcommand("show", "Show the stored email message of an interaction log entry");
  command->add_option("ENTRY_NO", *entry_no, "Entry no")->required();
  command->add_flag("--raw", *raw, "Write the stored message byte for byte (an .eml)");
  command->footer(
      "Parts nested deeper than limits.max_mime_depth, and those after the first\n"
      "limits.max_mime_parts, are not shown, and the text says so; a message larger than\n"
      "limits.max_message_bytes is not rendered (--raw still writes it). See log-email --help.\n"
      "A stored message that is no longer where its link points (the storage folder changed, the\n"
      "message moved on the server) is found again by its Message-ID and the link repaired (see\n"
      "links check --help). One that has not been synchronized to this mail server yet is waited\n"
      "for up to show.sync_wait_ms (MAILTRAIL_SHOW_SYNC_WAIT_MS; default 5000) milliseconds.");
  command->callback([&context, entry_no, raw] {
    context.Run([&context, entry_no, raw]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const Config config, context.GetConfig());
      const service::ShowOptions options{.open_mail_store = context.MailStoreOpener(),
                                         .sync_wait = std::chrono::milliseconds(config.show_sync_wait_ms)};
      if (*raw) {
        return service::ReadEntryMessage(
            *database, *entry_no,
            [&context](std::string_view chunk) {
              context.out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            },
            options);
      }
      std::string message;
      MT_RETURN_IF_ERROR(service::ReadEntryMessage(
          *database, *entry_no, [&message](std::string_view chunk) { message.append(chunk); }, options));
      MT_ASSIGN_OR_RETURN(mime::MessageText text, mime::RenderMessageText(message, config.limits));
      for (const auto& [name, value] : text.headers) context.out << name << ": " << value << '\n';
      context.out << '\n' << text.body;
      if (!text.body.empty() && text.body.back() != '\n') context.out << '\n';
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
