#include "messages.hpp"

#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>
#include <cstdlib>
#include <filesystem>
#include <locale>
#include <optional>

namespace tolk::cli {
namespace fs = std::filesystem;
namespace {

std::optional<std::locale>& messages_locale() {
  static std::optional<std::locale> locale;
  return locale;
}

fs::path executable_directory(const char* program_path) {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error)
    return self.parent_path();
  return fs::absolute(program_path ? program_path : ".").parent_path();
}

// The locale name gettext would use for messages: LC_ALL, then LC_MESSAGES, then LANG.
std::string requested_locale() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* value = std::getenv(variable); value && *value)
      return value;
  }
  return "C";
}

}  // namespace

void init_messages(const char* program_path) {
  try {
    boost::locale::generator generator;
    if (const char* custom = std::getenv("TOLK_LOCALEDIR"); custom && *custom) {
      generator.add_messages_path(custom);
    }
    generator.add_messages_path(
        (executable_directory(program_path) / ".." / "share" / "locale").string());
    generator.add_messages_domain("tolk");
    std::string name = requested_locale();
    if (name == "C" || name == "POSIX")
      name = "en_US.UTF-8";
    messages_locale() = generator(name);
  } catch (const std::exception&) {
    messages_locale().reset();  // untranslated English is always a working fallback
  }
}

std::string tr(const char* message) {
  const auto& locale = messages_locale();
  if (!locale)
    return message;
  return boost::locale::translate(message).str(*locale);
}

}  // namespace tolk::cli
