#pragma once
// The CLI's own messages, translated through gettext catalogs (Boost.Locale) chosen by the
// locale environment (LC_ALL, LC_MESSAGES, LANG): `LANG=ru_RU.UTF-8 tolk --help`.

#include <string>

namespace tolk::cli {

// Loads the catalogs for the user's locale. `program_path` is argv[0], used to find
// <bin>/../share/locale; $TOLK_LOCALEDIR overrides it.
void init_messages(const char* program_path);

// The translation of an English message, or the message itself when no catalog has it.
std::string tr(const char* message);

}  // namespace tolk::cli
