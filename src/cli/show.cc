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
      "limits.max_message_bytes is not rendered (--raw still writes it). See log-email --help.");
  command->callback([&context, entry_no, raw] {
    context.Run([&context, entry_no, raw]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      if (*raw) {
        return service::ReadEntryMessage(
            *database, *entry_no,
            [&context](std::string_view chunk) {
              context.out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            },
            context.MailStoreOpener());
      }
      std::string message;
      MT_RETURN_IF_ERROR(service::ReadEntryMessage(
          *database, *entry_no, [&message](std::string_view chunk) { message.append(chunk); },
          context.MailStoreOpener()));
      MT_ASSIGN_OR_RETURN(mime::MessageText text, mime::RenderMessageText(message, context.GetConfig()->limits));
      for (const auto& [name, value] : text.headers) context.out << name << ": " << value << '\n';
      context.out << '\n' << text.body;
      if (!text.body.empty() && text.body.back() != '\n') context.out << '\n';
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
