// The C interface (tolk.h) over the C++ libraries: handles own the C++ objects, every entry
// point catches every exception and turns it into a status and a per-thread message.

#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tolk.h"
#include "tolk/check/checker.hpp"
#include "tolk/json/check_json.hpp"
#include "tolk/json/termbase_json.hpp"
#include "tolk/json/tm_json.hpp"
#include "tolk/store/lmdb.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/language.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/repair.hpp"
#include "tolk/tm/translation_memory.hpp"

struct tolk_termbase {
  explicit tolk_termbase(tolk::termbase::Termbase opened) : termbase(std::move(opened)) {}
  tolk::termbase::Termbase termbase;
  // Built on first use and kept: recognition, term repair and the checks need every concept.
  std::once_flag built;
  std::vector<tolk::termbase::Concept> concepts;
  std::unique_ptr<tolk::tm::Terminology> terminology;
  std::unique_ptr<tolk::check::Checker> checker;

  void build() {
    std::call_once(built, [this] {
      concepts = termbase.all();
      terminology = std::make_unique<tolk::tm::Terminology>(concepts);
      checker = std::make_unique<tolk::check::Checker>(concepts);
    });
  }
  const tolk::tm::Terminology& terms() {
    build();
    return *terminology;
  }
  const tolk::check::Checker& checks() {
    build();
    return *checker;
  }
};

struct tolk_tm {
  explicit tolk_tm(tolk::tm::TranslationMemory opened) : memory(std::move(opened)) {}
  tolk::tm::TranslationMemory memory;
};

namespace {

thread_local std::string last_error;

class InvalidArgument : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs `body`, mapping exceptions to statuses; the message goes to tolk_last_error().
template <typename Body>
tolk_status guarded(Body&& body) noexcept {
  try {
    last_error.clear();
    return body();
  } catch (const InvalidArgument& error) {
    last_error = error.what();
    return TOLK_INVALID_ARGUMENT;
  } catch (const tolk::text::InvalidUtf8Error& error) {
    last_error = error.what();
    return TOLK_INVALID_ARGUMENT;
  } catch (const tolk::text::UnknownLanguageError& error) {
    last_error = error.what();
    return TOLK_INVALID_ARGUMENT;
  } catch (const tolk::store::LmdbError& error) {
    last_error = error.what();
    return TOLK_STORE_ERROR;
  } catch (const tolk::termbase::TermbaseError& error) {
    last_error = error.what();
    return TOLK_STORE_ERROR;
  } catch (const tolk::tm::TranslationMemoryError& error) {
    last_error = error.what();
    return TOLK_STORE_ERROR;
  } catch (const std::exception& error) {
    last_error = error.what();
    return TOLK_INTERNAL_ERROR;
  } catch (...) {
    last_error = "unknown error";
    return TOLK_INTERNAL_ERROR;
  }
}

std::string_view required_text(const char* text, const char* what) {
  if (text == nullptr)
    throw InvalidArgument(std::string(what) + " is null");
  const std::string_view view(text);
  tolk::text::validate_utf8(view, what);
  return view;
}

template <typename Handle>
Handle& required_handle(Handle* handle, const char* what) {
  if (handle == nullptr)
    throw InvalidArgument(std::string(what) + " is null");
  return *handle;
}

char** required_output(char** output) {
  if (output == nullptr)
    throw InvalidArgument("the output pointer is null");
  *output = nullptr;
  return output;
}

// A copy of `json` in memory that tolk_free() releases.
char* to_c_string(const nlohmann::json& json) {
  const std::string text = json.dump();
  auto copy = std::make_unique<char[]>(text.size() + 1);
  std::memcpy(copy.get(), text.c_str(), text.size() + 1);
  return copy.release();
}

}  // namespace

extern "C" {

const char* tolk_version(void) {
  return "0.1.0";
}

const char* tolk_last_error(void) {
  return last_error.c_str();
}

void tolk_free(char* text) {
  std::unique_ptr<char[]> owned(text);
}

tolk_status tolk_termbase_open(const char* directory, tolk_termbase** termbase) {
  return guarded([&] {
    const std::string_view path = required_text(directory, "directory");
    if (termbase == nullptr)
      throw InvalidArgument("the output pointer is null");
    *termbase = nullptr;
    if (!std::filesystem::exists(std::filesystem::path(path) / "data.mdb"))
      throw tolk::termbase::TermbaseError("no termbase in " + std::string(path));
    auto handle = std::make_unique<tolk_termbase>(
        tolk::termbase::Termbase::open_for_reading(std::string(path)));
    *termbase = handle.release();
    return TOLK_OK;
  });
}

void tolk_termbase_close(tolk_termbase* termbase) {
  std::unique_ptr<tolk_termbase> owned(termbase);
}

tolk_status tolk_termbase_lookup(tolk_termbase* termbase, const char* query, const char* language,
                                 size_t limit, char** json) {
  return guarded([&] {
    char** output = required_output(json);
    auto& handle = required_handle(termbase, "termbase");
    const std::string_view text = required_text(query, "query");
    tolk::termbase::LookupOptions options;
    options.limit = limit == 0 ? 10 : limit;
    if (language != nullptr && *language != '\0')
      options.language = tolk::text::require_language(language);
    const auto hits = handle.termbase.lookup(text, options);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& hit : hits)
      out.push_back(tolk::json::lookup_hit_json(hit));
    *output = to_c_string({{"query", text}, {"hits", out}});
    return hits.empty() ? TOLK_NOT_FOUND : TOLK_OK;
  });
}

tolk_status tolk_termbase_find_terms(tolk_termbase* termbase, const char* text,
                                     const char* language, char** json) {
  return guarded([&] {
    char** output = required_output(json);
    auto& handle = required_handle(termbase, "termbase");
    const std::string_view body = required_text(text, "text");
    const auto parsed = tolk::text::require_language(required_text(language, "language"));
    const auto hits = handle.terms().find(body, parsed);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& hit : hits)
      out.push_back(tolk::json::term_hit_json(hit));
    *output = to_c_string({{"hits", out}});
    return hits.empty() ? TOLK_NOT_FOUND : TOLK_OK;
  });
}

tolk_status tolk_tm_open(const char* directory, int create, tolk_tm** tm) {
  return guarded([&] {
    const std::string_view path = required_text(directory, "directory");
    if (tm == nullptr)
      throw InvalidArgument("the output pointer is null");
    *tm = nullptr;
    auto handle = std::make_unique<tolk_tm>(
        tolk::tm::TranslationMemory::open(std::string(path), create != 0));
    *tm = handle.release();
    return TOLK_OK;
  });
}

void tolk_tm_close(tolk_tm* tm) {
  std::unique_ptr<tolk_tm> owned(tm);
}

tolk_status tolk_tm_match(tolk_tm* tm, const char* segment, const char* source_language,
                          const char* target_language, int min_score, size_t max_results,
                          tolk_termbase* termbase, char** json) {
  return guarded([&] {
    char** output = required_output(json);
    auto& handle = required_handle(tm, "tm");
    const std::string_view query = required_text(segment, "segment");
    tolk::tm::MatchOptions options;
    options.source_language = std::string(required_text(source_language, "source language"));
    options.target_language = std::string(required_text(target_language, "target language"));
    if (min_score < 1 || min_score > 101)
      throw InvalidArgument("min_score must be between 1 and 101");
    options.min_score = min_score;
    options.max_results = max_results == 0 ? 5 : max_results;
    const auto matches = handle.memory.match(query, options);
    const auto analysis = tolk::tm::analyze_text(query, options.source_language);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& match : matches) {
      const auto repaired =
          tolk::tm::repair_match(analysis, match, options, termbase ? &termbase->terms() : nullptr);
      out.push_back(tolk::json::match_json(match, repaired));
    }
    *output = to_c_string({{"segment", query}, {"matches", out}});
    return matches.empty() ? TOLK_NOT_FOUND : TOLK_OK;
  });
}

tolk_status tolk_tm_add(tolk_tm* tm, const char* source, const char* target,
                        const char* source_language, const char* target_language) {
  return guarded([&] {
    auto& handle = required_handle(tm, "tm");
    tolk::tm::TranslationUnit unit;
    unit.source_language =
        tolk::tm::normalize_language_tag(required_text(source_language, "source language"));
    tolk::tm::Variant from;
    from.language = unit.source_language;
    from.segment.text = std::string(required_text(source, "source"));
    tolk::tm::Variant to;
    to.language =
        tolk::tm::normalize_language_tag(required_text(target_language, "target language"));
    to.segment.text = std::string(required_text(target, "target"));
    unit.variants = {from, to};
    try {
      tolk::tm::require_valid(unit);
    } catch (const tolk::tm::TranslationMemoryError& error) {
      throw InvalidArgument(error.what());
    }
    handle.memory.add(std::span(&unit, 1));
    return TOLK_OK;
  });
}

tolk_status tolk_check_segment(tolk_termbase* termbase, const char* source, const char* target,
                               const char* source_language, const char* target_language,
                               char** json) {
  return guarded([&] {
    char** output = required_output(json);
    auto& handle = required_handle(termbase, "termbase");
    tolk::check::BilingualDocument document;
    document.name = "segment";
    document.source_language =
        tolk::text::require_language(required_text(source_language, "source language"));
    document.target_language =
        tolk::text::require_language(required_text(target_language, "target language"));
    tolk::check::BilingualSegment segment;
    segment.id = "1";
    segment.line = 1;
    segment.source = std::string(required_text(source, "source"));
    segment.target = std::string(required_text(target, "target"));
    document.segments.push_back(std::move(segment));
    const auto findings = handle.checks().check(document);
    *output =
        to_c_string({{"findings", tolk::json::findings_json(document, findings)["findings"]}});
    return findings.empty() ? TOLK_NOT_FOUND : TOLK_OK;
  });
}

}  // extern "C"
