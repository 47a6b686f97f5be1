// Files of src/report/assets embedded at build time (cmake/embed_asset.cmake): the HTML page's
// stylesheet and script live as real files, not as string literals in C++.
#pragma once

#include <string_view>

namespace rmqsim {

/// The content of src/report/assets/<name>, or empty when there is no such asset.
std::string_view embeddedAsset(std::string_view name);

}  // namespace rmqsim
