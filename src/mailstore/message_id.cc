#include "mailstore/message_id.h"

#include "mailstore/imap/etpan.h"

namespace mailtrail::mailstore {

std::string ParseMessageId(std::string_view header_lines) {
  std::size_t index = 0;
  mailimf_fields* parsed = nullptr;
  if (mailimf_fields_parse(header_lines.data(), header_lines.size(), &index, &parsed) != MAILIMF_NO_ERROR) return {};
  const etpan::ImfFields owned(parsed);
  std::string message_id;
  etpan::ForEach<mailimf_field>(owned->fld_list, [&message_id](mailimf_field* field) {
    if (message_id.empty() && field->fld_type == MAILIMF_FIELD_MESSAGE_ID && field->fld_data.fld_message_id != nullptr &&
        field->fld_data.fld_message_id->mid_value != nullptr) {
      message_id = field->fld_data.fld_message_id->mid_value;
    }
  });
  return message_id;
}

}  // namespace mailtrail::mailstore
