#pragma once
// The files the server serves, compiled into the program (web/ and openapi.json; the build
// generates their definitions with cmake/embed_files.cmake). Nothing is read from disk, so no
// request can name a file outside this set.

#include <optional>
#include <string_view>
#include <vector>

namespace tolk::http {

// The content of the embedded file `name` ("index.html", "app.js", "openapi.json").
std::optional<std::string_view> find_asset(std::string_view name);
std::vector<std::string_view> asset_names();

}  // namespace tolk::http
