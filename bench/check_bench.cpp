// `tolk check` throughput: a 100,000-segment XLIFF 1.2 made from the nl-en sample of
// tests/check/data (its segments repeated, one in five with an article number changed), read and
// checked against the shipped glossary. Prints segments per second for reading, checking and both.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tolk/check/checker.hpp"
#include "tolk/check/document.hpp"
#include "tolk/termbase/exchange.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::stoul(argv[1]) : 100000;
  const std::filesystem::path source_dir = TOLK_SOURCE_DIR;
  const auto sample = tolk::check::read_document(source_dir / "tests/check/data/sample.nl-en.xlf",
                                                 tolk::check::InputFormat::xliff);
  const auto concepts =
      tolk::termbase::read_glossary_json(source_dir / "glossaries/legal-nl-en-ru.json").concepts;

  const auto file = std::filesystem::temp_directory_path() / "tolk-check-bench.xlf";
  {
    std::ofstream out(file, std::ios::binary);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" "
           "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"bench\" "
           "source-language=\"nl\" target-language=\"en\" datatype=\"plaintext\"><body>\n";
    for (std::size_t i = 0; i < count; ++i) {
      const auto& segment = sample.segments[i % sample.segments.size()];
      std::string target = segment.target;
      if (i % 5 == 0) {
        if (const auto at = target.find("Article 3"); at != std::string::npos)
          target[at + 9] = '9';
      }
      out << "<trans-unit id=\"t" << i << "\"><source>" << escape(segment.source)
          << "</source><target>" << escape(target) << "</target></trans-unit>\n";
    }
    out << "</body></file></xliff>\n";
  }

  const auto build_start = Clock::now();
  const tolk::check::Checker checker(concepts);
  const double build = seconds_since(build_start);

  const auto read_start = Clock::now();
  const auto document = tolk::check::read_document(file, tolk::check::InputFormat::xliff);
  const double read = seconds_since(read_start);

  const auto check_start = Clock::now();
  const auto findings = checker.check(document);
  const double check = seconds_since(check_start);
  std::filesystem::remove(file);

  const double segments = static_cast<double>(document.segments.size());
  std::printf("segments: %zu, findings: %zu\n", document.segments.size(), findings.size());
  std::printf("term index build: %.2f s\n", build);
  std::printf("read XLIFF:  %.2f s, %.0f segments/s\n", read, segments / read);
  std::printf("check:       %.2f s, %.0f segments/s\n", check, segments / check);
  std::printf("read+check:  %.2f s, %.0f segments/s\n", read + check, segments / (read + check));
  return 0;
}
