#include "corpus_commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command_support.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/curation/extract.hpp"

namespace tolk::cli {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr std::size_t kEvidenceShown = 6;  // per alignment in the text output

struct ExtractCommand {
  std::string directory = "../shared/corpus";
  std::string output = "-";
  std::size_t min_frequency = 2;
  bool json = false;
};

std::string code_of(text::Language language) {
  return std::string(text::language_code(language));
}

json evidence_json(const std::vector<curation::Evidence>& evidence) {
  json out = json::array();
  for (const auto& item : evidence)
    out.push_back(curation::to_string(item));
  return out;
}

json references_json(const std::vector<termbase::LegalReference>& references) {
  json out = json::array();
  for (const auto& reference : references)
    out.push_back(termbase::to_string(reference));
  return out;
}

json to_json(const std::string& directory, const std::vector<curation::SourceText>& sources,
             const curation::Extraction& extraction) {
  json files = json::array();
  for (const auto& source : sources) {
    files.push_back({{"file", source.file},
                     {"language", code_of(source.language)},
                     {"bytes", source.text.size()}});
  }
  json articles = json::array();
  for (const auto& article : extraction.articles) {
    json item = {{"reference", termbase::to_string(article.reference)},
                 {"code", article.reference.code},
                 {"article", article.reference.article},
                 {"text", article.text},
                 {"language", code_of(article.language)},
                 {"evidence", curation::to_string(article.evidence)},
                 {"file", article.evidence.file},
                 {"line", article.evidence.line},
                 {"code_inferred", article.code_inferred}};
    if (!article.reference.part.empty())
      item["part"] = article.reference.part;
    if (!article.description.empty())
      item["description"] = article.description;
    articles.push_back(std::move(item));
  }
  json quotations = json::array();
  for (const auto& quotation : extraction.quotations) {
    quotations.push_back({{"text", quotation.text},
                          {"language", code_of(quotation.language)},
                          {"evidence", curation::to_string(quotation.evidence)},
                          {"file", quotation.evidence.file},
                          {"line", quotation.evidence.line}});
  }
  json glosses = json::array();
  for (const auto& gloss : extraction.glosses) {
    glosses.push_back({{"kind", curation::to_string(gloss.kind)},
                       {"term", gloss.term},
                       {"term_language", code_of(gloss.term_language)},
                       {"gloss", gloss.gloss},
                       {"gloss_language", code_of(gloss.gloss_language)},
                       {"transliterated", gloss.transliterated},
                       {"evidence", curation::to_string(gloss.evidence)},
                       {"term_evidence", evidence_json(gloss.term_evidence)},
                       {"references", references_json(gloss.references)}});
  }
  json candidates = json::array();
  for (const auto& candidate : extraction.candidates) {
    candidates.push_back({{"text", candidate.text},
                          {"lemma", candidate.lemma},
                          {"language", code_of(candidate.language)},
                          {"kind", curation::to_string(candidate.kind)},
                          {"parts", candidate.parts},
                          {"frequency", candidate.frequency},
                          {"evidence", evidence_json(candidate.evidence)}});
  }
  json alignments = json::array();
  for (const auto& alignment : extraction.alignments) {
    json terms = json::object();
    for (const auto& [language, list] : alignment.terms)
      terms[code_of(language)] = list;
    alignments.push_back({{"pivot", curation::to_string(alignment.pivot)},
                          {"key", alignment.key},
                          {"references", references_json(alignment.references)},
                          {"terms", terms},
                          {"evidence", evidence_json(alignment.evidence)}});
  }
  return {{"corpus", directory},
          {"files", files},
          {"counts",
           {{"article_references", extraction.articles.size()},
            {"quotations", extraction.quotations.size()},
            {"glosses", extraction.glosses.size()},
            {"candidates", extraction.candidates.size()},
            {"alignments", extraction.alignments.size()}}},
          {"article_references", articles},
          {"quotations", quotations},
          {"glosses", glosses},
          {"candidates", candidates},
          {"alignments", alignments}};
}

void heading(std::ostream& out, const std::string& title, std::size_t count) {
  out << "== " << title << " (" << count << ") ==\n";
}

void print_text(std::ostream& out, const curation::Extraction& extraction) {
  heading(out, tr("Article references"), extraction.articles.size());
  for (const auto& article : extraction.articles) {
    out << curation::to_string(article.evidence) << '\t'
        << (article.reference.code.empty() ? tr("code unknown")
                                           : termbase::to_string(article.reference))
        << '\t' << article.text;
    if (article.code_inferred)
      out << "\t(" << tr("code inferred") << ')';
    if (!article.description.empty())
      out << "\t= " << article.description;
    out << '\n';
  }
  out << '\n';
  heading(out, tr("Quoted designations"), extraction.quotations.size());
  for (const auto& quotation : extraction.quotations) {
    out << curation::to_string(quotation.evidence) << '\t' << code_of(quotation.language) << '\t'
        << quotation.text << '\n';
  }
  out << '\n';
  heading(out, tr("Glosses"), extraction.glosses.size());
  for (const auto& gloss : extraction.glosses) {
    out << curation::to_string(gloss.evidence) << '\t' << curation::to_string(gloss.kind) << '\t'
        << code_of(gloss.term_language) << ": " << gloss.term << "\t"
        << code_of(gloss.gloss_language) << ": " << gloss.gloss;
    if (gloss.transliterated)
      out << " (" << tr("transliterated") << ')';
    for (const auto& evidence : gloss.term_evidence)
      out << "\t<- " << curation::to_string(evidence);
    for (const auto& reference : gloss.references)
      out << '\t' << termbase::to_string(reference);
    out << '\n';
  }
  out << '\n';
  heading(out, tr("Term candidates"), extraction.candidates.size());
  for (const auto& candidate : extraction.candidates) {
    out << code_of(candidate.language) << '\t' << curation::to_string(candidate.kind) << '\t'
        << candidate.frequency << '\t' << candidate.text;
    if (!candidate.parts.empty()) {
      out << "\t(";
      for (std::size_t i = 0; i < candidate.parts.size(); ++i)
        out << (i ? " + " : "") << candidate.parts[i];
      out << ')';
    }
    out << '\t';
    for (std::size_t i = 0; i < candidate.evidence.size(); ++i)
      out << (i ? " " : "") << curation::to_string(candidate.evidence[i]);
    out << '\n';
  }
  out << '\n';
  heading(out, tr("Alignments"), extraction.alignments.size());
  for (const auto& alignment : extraction.alignments) {
    out << curation::to_string(alignment.pivot) << '\t' << alignment.key << '\t';
    bool first_language = true;
    for (const auto& [language, terms] : alignment.terms) {
      out << (first_language ? "" : " | ") << code_of(language) << ": ";
      for (std::size_t i = 0; i < terms.size(); ++i)
        out << (i ? "; " : "") << terms[i];
      first_language = false;
    }
    out << '\t';
    for (std::size_t i = 0; i < alignment.evidence.size() && i < kEvidenceShown; ++i)
      out << (i ? " " : "") << curation::to_string(alignment.evidence[i]);
    if (alignment.evidence.size() > kEvidenceShown)
      out << " (+" << alignment.evidence.size() - kEvidenceShown << ')';
    out << '\n';
  }
}

int run_extract(const ExtractCommand& options) {
  if (!fs::is_directory(options.directory)) {
    throw UsageError(options.directory + ": " +
                     tr("no corpus folder there (give the folder: tolk corpus extract DIR)"));
  }
  const auto sources = curation::read_corpus(options.directory);
  if (sources.empty()) {
    std::cerr << "tolk: " << options.directory << ": "
              << tr("no corpus files (NAME.nl.txt, NAME.en.txt, NAME.ru.txt)") << '\n';
    return kFindings;
  }
  curation::ExtractOptions extract_options;
  extract_options.min_frequency = options.min_frequency;
  const curation::Extraction extraction = curation::extract(sources, extract_options);

  std::ofstream file;
  if (options.output != "-") {
    file.open(options.output, std::ios::binary);
    if (!file)
      throw std::runtime_error(options.output + ": cannot write");
  }
  std::ostream& out = options.output == "-" ? std::cout : file;
  if (options.json) {
    out << to_json(options.directory, sources, extraction).dump(2) << '\n';
  } else {
    print_text(out, extraction);
  }
  out.flush();
  if (!out)
    throw std::runtime_error(options.output + ": write error");
  return kSuccess;
}

}  // namespace

void add_corpus_commands(CLI::App& app, int& exit_code) {
  CLI::App* corpus = app.add_subcommand(
      "corpus", tr("The source corpus: candidate terms and alignments for the glossary"));
  corpus->require_subcommand(1);

  auto extract = std::make_shared<ExtractCommand>();
  CLI::App* extract_command = corpus->add_subcommand(
      "extract",
      tr("Article references, quoted designations, glosses, recurring compounds and phrases, and "
         "proposed nl-en-ru alignments, each with its evidence (FILE:LINE)"));
  extract_command->add_option("directory", extract->directory,
                              tr("Corpus folder (default: ../shared/corpus)"));
  extract_command->add_flag("--json", extract->json, tr("Print JSON"));
  extract_command->add_option("-o,--output", extract->output,
                              tr("Output file (default: standard output)"));
  extract_command->add_option("--min-frequency", extract->min_frequency,
                              tr("Least frequency of a compound or phrase candidate (default 2)"));
  extract_command->callback([extract, &exit_code] { exit_code = run_extract(*extract); });
}

}  // namespace tolk::cli
