#pragma once
// OmegaT project folders: what tolk writes into one so that OmegaT (3.6 and later) uses tolk's
// translation memory and termbase without an import step.
//
//   omegat.project   the project file (created only when absent; an existing one is read for
//                    its languages and its tm/ and glossary/ folders, never rewritten)
//   tm/              TMX 1.4b of the TM's units for the language pair: OmegaT shows them as fuzzy
//                    matches; in tm/auto/ OmegaT also inserts its exact matches as translations
//   glossary/        the termbase as an OmegaT glossary (tab-separated, UTF-8, ".utf8": the one
//                    extension OmegaT always reads as UTF-8; OmegaT 3.6 reads TBX only in the
//                    older martif form, so TSV is what every version reads)
//   source/ target/ dictionary/ omegat/   created empty with a new project (OmegaT opens a
//                    folder as a project only when omegat/ is there too)
//
// Files are written to a temporary name and renamed, so OmegaT's folder monitor never reads a
// half-written TMX or glossary.

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "tolk/termbase/concept.hpp"
#include "tolk/text/language.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace tolk::cat {

// A project folder that cannot be used: an unreadable omegat.project, languages that differ from
// the ones asked for, a folder that cannot be written.
class OmegatProjectError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The folders of a project, as its omegat.project names them (absolute).
struct OmegatProject {
  std::filesystem::path directory;
  std::string source_language;  // as written in omegat.project ("nl", "NL-NL")
  std::string target_language;
  std::filesystem::path source_folder;
  std::filesystem::path target_folder;
  std::filesystem::path tm_folder;
  std::filesystem::path glossary_folder;
  std::filesystem::path dictionary_folder;
};

// Reads `directory`/omegat.project (project version 1.0, as OmegaT 3.x writes it). Folders given
// as "__DEFAULT__" are OmegaT's defaults (source/, target/, tm/, glossary/, dictionary/);
// relative ones are taken from the project folder. Throws OmegatProjectError naming the file.
OmegatProject read_omegat_project(const std::filesystem::path& directory);

// Creates a minimal OmegaT 3.6 project in `directory` (created if needed): omegat.project with
// the languages, the tokenizers OmegaT 3.6 ships for them, sentence segmentation, and the empty
// folders (omegat/ included). Throws OmegatProjectError if an omegat.project is already there.
OmegatProject create_omegat_project(const std::filesystem::path& directory, text::Language source,
                                    text::Language target);

// Writes TMX 1.4b with one <tu> per unit that has a non-empty variant in both languages; each
// written unit keeps only those two variants (with their tags, dates and notes) and has the
// source language as srclang. Returns the number of units written.
std::size_t write_pair_tmx(std::ostream& out, const tm::TranslationMemory& memory,
                           text::Language source, text::Language target,
                           const std::string& creation_tool_version);

struct OmegatExportOptions {
  text::Language source = text::Language::nl;
  text::Language target = text::Language::en;
  // tm/auto/ instead of tm/: OmegaT then fills every segment whose source is identical to a
  // unit's with that unit's translation (the translator still sees and can change it).
  bool auto_insert = false;
  std::string memory_name;    // names the TMX file: tolk-<memory>-nl-en.tmx
  std::string termbase_name;  // names the glossary: tolk-<termbase>-nl-en.utf8
  std::string creation_tool_version;
};

struct OmegatExportSummary {
  OmegatProject project;
  bool project_created = false;
  std::filesystem::path tmx_file;  // empty when no TM was given
  std::size_t units = 0;
  std::filesystem::path glossary_file;  // empty when no termbase was given
  std::size_t glossary_entries = 0;
};

// Writes the TM (if `memory` is not null) and the concepts (if given) into the
// project in `directory`, creating the project when it has no omegat.project. An existing
// project must have the same language pair (primary subtags compared): otherwise OmegaT would
// ignore the files, so OmegatProjectError is thrown before anything is written.
OmegatExportSummary export_omegat_project(
    const std::filesystem::path& directory, const tm::TranslationMemory* memory,
    std::optional<std::span<const termbase::Concept>> concepts, const OmegatExportOptions& options);

}  // namespace tolk::cat
