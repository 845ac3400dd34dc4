#include "tolk/cat/omegat_project.hpp"

#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string_view>
#include <system_error>

#include "tolk/io/strings.hpp"
#include "tolk/io/xml_escape.hpp"
#include "tolk/io/xml_reader.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/tm/exchange.hpp"

namespace tolk::cat {
namespace {

namespace fs = std::filesystem;
using io::concat;

constexpr std::string_view kProjectFile = "omegat.project";
// OmegaT's marker for "the default folder" in omegat.project.
constexpr std::string_view kDefaultFolder = "__DEFAULT__";

// The tokenizers OmegaT 3.6 registers for tolk's languages (its manifest lists them): a project
// whose tokenizer class is missing falls back to the default one, so these only improve
// OmegaT's own fuzzy matching and glossary stemming.
std::string_view tokenizer_class(text::Language language) {
  switch (language) {
    case text::Language::nl:
      return "org.omegat.tokenizer.LuceneDutchTokenizer";
    case text::Language::en:
      return "org.omegat.tokenizer.LuceneEnglishTokenizer";
    case text::Language::ru:
      return "org.omegat.tokenizer.LuceneRussianTokenizer";
  }
  return "org.omegat.tokenizer.DefaultTokenizer";
}

fs::path folder_of(const fs::path& project, const std::string& written, std::string_view fallback) {
  if (written.empty() || written == kDefaultFolder)
    return project / fallback;
  const fs::path path(written);
  return (path.is_absolute() ? path : project / path).lexically_normal();
}

void make_folder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error)
    throw OmegatProjectError(
        concat(folder.string(), ": cannot create the folder: ", error.message()));
}

// Writes `file` through a temporary name in the same folder and a rename, so that a reader
// (OmegaT's folder monitor) sees the old file or the new one, never a part.
template <typename Write>
void write_file_atomically(const fs::path& file, const Write& write) {
  const fs::path temporary = file.parent_path() / concat(".", file.filename().string(), ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
      throw OmegatProjectError(concat(temporary.string(), ": cannot write"));
    write(out);
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw OmegatProjectError(concat(temporary.string(), ": write error"));
    }
  }
  std::error_code error;
  fs::rename(temporary, file, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw OmegatProjectError(concat(file.string(), ": cannot write: ", error.message()));
  }
}

std::string pair_suffix(text::Language source, text::Language target) {
  return concat(text::language_code(source), "-", text::language_code(target));
}

}  // namespace

OmegatProject read_omegat_project(const fs::path& directory) {
  const fs::path file = directory / kProjectFile;
  io::ByteSource bytes(file);
  if (!bytes.is_open())
    throw OmegatProjectError(concat(file.string(), ": cannot open"));
  // The text of each child of <project>; OmegaT's own reader (JAXB) ignores unknown elements.
  std::map<std::string, std::string, std::less<>> fields;
  std::string project_version;
  bool saw_project = false;
  try {
    io::StreamReader reader(bytes, file.string());
    std::string current;
    while (reader.advance()) {
      const int type = reader.node_type();
      if (type == XML_READER_TYPE_ELEMENT) {
        if (reader.depth() == 0 && reader.local_name() != "omegat")
          throw OmegatProjectError(concat(file.string(), ":", std::to_string(reader.line()),
                                          ": not an OmegaT project file (root <",
                                          reader.local_name(), ">)"));
        if (reader.depth() == 1 && reader.local_name() == "project") {
          saw_project = true;
          project_version = reader.attribute("version");
        }
        current = reader.depth() == 2 ? std::string(reader.local_name()) : std::string();
      } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
                 reader.depth() == 3 && !current.empty()) {
        fields[current] += reader.value();
      } else if (type == XML_READER_TYPE_END_ELEMENT) {
        current.clear();
      }
    }
  } catch (const io::XmlFailure& failure) {
    throw OmegatProjectError(
        concat(file.string(), ":", std::to_string(failure.line), ": ", failure.reason));
  }
  if (!saw_project)
    throw OmegatProjectError(concat(file.string(), ": no <project> element"));
  // OmegaT refuses any other project version (ProjectFileStorage), and so does tolk.
  if (project_version != "1.0")
    throw OmegatProjectError(
        concat(file.string(), ": unsupported OmegaT project version '", project_version, "'"));
  const auto field = [&](std::string_view name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : std::string(io::trim(found->second));
  };
  OmegatProject project;
  project.directory = directory;
  project.source_language = field("source_lang");
  project.target_language = field("target_lang");
  if (project.source_language.empty() || project.target_language.empty())
    throw OmegatProjectError(concat(file.string(), ": no source_lang or target_lang"));
  project.source_folder = folder_of(directory, field("source_dir"), "source");
  project.target_folder = folder_of(directory, field("target_dir"), "target");
  project.tm_folder = folder_of(directory, field("tm_dir"), "tm");
  project.glossary_folder = folder_of(directory, field("glossary_dir"), "glossary");
  project.dictionary_folder = folder_of(directory, field("dictionary_dir"), "dictionary");
  return project;
}

OmegatProject create_omegat_project(const fs::path& directory, text::Language source,
                                    text::Language target) {
  const fs::path file = directory / kProjectFile;
  if (fs::exists(file))
    throw OmegatProjectError(concat(file.string(), ": the project exists already"));
  make_folder(directory);
  OmegatProject project;
  project.directory = directory;
  project.source_language = text::language_code(source);
  project.target_language = text::language_code(target);
  project.source_folder = directory / "source";
  project.target_folder = directory / "target";
  project.tm_folder = directory / "tm";
  project.glossary_folder = directory / "glossary";
  project.dictionary_folder = directory / "dictionary";
  for (const fs::path* folder : {&project.source_folder, &project.target_folder, &project.tm_folder,
                                 &project.glossary_folder, &project.dictionary_folder}) {
    make_folder(*folder);
  }
  // OmegaT takes a folder for a project only when it has omegat.project and the omegat/ folder
  // (StaticUtils.isProjectDir), where it keeps project_save.tmx.
  make_folder(directory / "omegat");
  // The elements OmegaT 3.6 writes itself (ProjectFileStorage.writeProjectFile), with its
  // defaults: the writable glossary is glossary/glossary.txt, the exclusion masks are the ones
  // a new project gets.
  write_file_atomically(file, [&](std::ostream& out) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<omegat>\n"
           "    <project version=\"1.0\">\n"
           "        <source_dir>__DEFAULT__</source_dir>\n"
           "        <source_dir_excludes>\n";
    for (const char* mask : {"**/.svn/**", "**/CVS/**", "**/.cvs/**", "**/desktop.ini",
                             "**/Thumbs.db", "**/.DS_Store"}) {
      out << "            <mask>" << mask << "</mask>\n";
    }
    out << "        </source_dir_excludes>\n"
           "        <target_dir>__DEFAULT__</target_dir>\n"
           "        <tm_dir>__DEFAULT__</tm_dir>\n"
           "        <glossary_dir>__DEFAULT__</glossary_dir>\n"
           "        <glossary_file>__DEFAULT__</glossary_file>\n"
           "        <dictionary_dir>__DEFAULT__</dictionary_dir>\n"
        << "        <source_lang>" << project.source_language << "</source_lang>\n"
        << "        <target_lang>" << project.target_language << "</target_lang>\n"
        << "        <source_tok>" << tokenizer_class(source) << "</source_tok>\n"
        << "        <target_tok>" << tokenizer_class(target) << "</target_tok>\n"
        << "        <sentence_seg>true</sentence_seg>\n"
           "        <support_default_translations>true</support_default_translations>\n"
           "        <remove_tags>false</remove_tags>\n"
           "    </project>\n"
           "</omegat>\n";
  });
  return project;
}

std::size_t write_pair_tmx(std::ostream& out, const tm::TranslationMemory& memory,
                           text::Language source, text::Language target,
                           const std::string& creation_tool_version) {
  tm::TmxHeader header;
  header.source_language = text::language_code(source);
  header.creation_tool_version = creation_tool_version;
  tm::TmxWriter writer(out, header);
  std::size_t written = 0;
  const auto has_text = [](const tm::Variant* variant) {
    return variant != nullptr && !io::trim(variant->segment.text).empty();
  };
  memory.for_each([&](const tm::TranslationUnit& unit) {
    const tm::Variant* source_variant = tm::find_variant(unit, text::language_code(source));
    const tm::Variant* target_variant = tm::find_variant(unit, text::language_code(target));
    if (!has_text(source_variant) || !has_text(target_variant))
      return;
    tm::TranslationUnit pair = unit;
    pair.source_language = source_variant->language;
    pair.variants = {*source_variant, *target_variant};
    writer.write(pair);
    ++written;
  });
  writer.finish();
  return written;
}

OmegatExportSummary export_omegat_project(
    const fs::path& directory, const tm::TranslationMemory* memory,
    std::optional<std::span<const termbase::Concept>> concepts,
    const OmegatExportOptions& options) {
  OmegatExportSummary summary;
  if (fs::exists(directory / kProjectFile)) {
    summary.project = read_omegat_project(directory);
    const auto same = [](const std::string& written, text::Language wanted) {
      const auto language = text::parse_language(written);
      return language && *language == wanted;
    };
    if (!same(summary.project.source_language, options.source) ||
        !same(summary.project.target_language, options.target)) {
      throw OmegatProjectError(
          concat((directory / kProjectFile).string(), ": the project translates ",
                 summary.project.source_language, " to ", summary.project.target_language, ", not ",
                 text::language_code(options.source), " to ", text::language_code(options.target)));
    }
  } else {
    summary.project = create_omegat_project(directory, options.source, options.target);
    summary.project_created = true;
  }
  const std::string pair = pair_suffix(options.source, options.target);
  if (memory != nullptr) {
    const fs::path folder =
        options.auto_insert ? summary.project.tm_folder / "auto" : summary.project.tm_folder;
    make_folder(folder);
    summary.tmx_file = folder / concat("tolk-", options.memory_name, "-", pair, ".tmx");
    write_file_atomically(summary.tmx_file, [&](std::ostream& out) {
      summary.units = write_pair_tmx(out, *memory, options.source, options.target,
                                     options.creation_tool_version);
    });
  }
  if (concepts) {
    make_folder(summary.project.glossary_folder);
    summary.glossary_file = summary.project.glossary_folder /
                            concat("tolk-", options.termbase_name, "-", pair, ".utf8");
    std::ostringstream glossary;
    termbase::write_omegat_glossary(glossary, *concepts, options.source, options.target);
    const std::string text = glossary.str();
    for (const char c : text) {
      if (c == '\n')
        ++summary.glossary_entries;
    }
    write_file_atomically(summary.glossary_file, [&](std::ostream& out) { out << text; });
  }
  return summary;
}

}  // namespace tolk::cat
