// Owning pointers for libetpan's C structures, each freed with the function
// libetpan pairs with its constructor. Internal to the IMAP store.
#pragma once

#include <libetpan/libetpan.h>

#include <memory>

namespace mailtrail::mailstore::etpan {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* object) const {
    if (object != nullptr) Free(object);
  }
};

template <typename T, auto Free>
using Owned = std::unique_ptr<T, Deleter<Free>>;

using Session = Owned<mailimap, mailimap_free>;
using Set = Owned<mailimap_set, mailimap_set_free>;
using SearchKey = Owned<mailimap_search_key, mailimap_search_key_free>;
using FetchType = Owned<mailimap_fetch_type, mailimap_fetch_type_free>;
using FlagList = Owned<mailimap_flag_list, mailimap_flag_list_free>;
using StoreAttFlags = Owned<mailimap_store_att_flags, mailimap_store_att_flags_free>;
using DateTime = Owned<mailimap_date_time, mailimap_date_time_free>;
using CapabilityData = Owned<mailimap_capability_data, mailimap_capability_data_free>;
// Lists that commands return, each with its own element type and free function.
using FetchList = Owned<clist, mailimap_fetch_list_free>;
using SearchResult = Owned<clist, mailimap_search_result_free>;
using ListResult = Owned<clist, mailimap_list_result_free>;
using CertificateChain = Owned<carray, mailstream_certificate_chain_free>;
using ImfFields = Owned<mailimf_fields, mailimf_fields_free>;

// Calls `visit` with each element of `list` (which may be null), as a T*.
template <typename T, typename Visit>
void ForEach(clist* list, Visit visit) {
  if (list == nullptr) return;
  for (clistiter* cell = clist_begin(list); cell != nullptr; cell = clist_next(cell)) {
    visit(static_cast<T*>(clist_content(cell)));
  }
}

}  // namespace mailtrail::mailstore::etpan
