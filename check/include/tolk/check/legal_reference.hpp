#pragma once
// The legal references and numbers of a segment, in a form that compares across nl, en and ru:
// "artikel 328 lid 1 WvS", "Article 328(1) of the Criminal Code" and "ч. 1 ст. 328 УК РФ" all
// give article 328, part 1, code "UK RF".

#include <string>
#include <string_view>
#include <vector>

#include "tolk/text/language.hpp"

namespace tolk::check {

struct ReferenceSet {
  std::vector<std::string> articles;  // "328", "330.1", sorted, with repeats
  std::vector<std::string> parts;     // "1", sorted, with repeats
  std::vector<std::string> laws;      // federal laws by number: "260" for 260-FZ / 260-ФЗ
  std::vector<std::string> codes;     // "UK RF", "KoAP RF"; sorted, unique
  std::vector<std::string> numbers;   // every number of the text, thousands separators removed
};

ReferenceSet extract_references(std::string_view text, text::Language language);

// How a code is written in a language: "UK RF" -> "WvS" / "Criminal Code" / "УК РФ".
std::string_view code_name(std::string_view code, text::Language language);

}  // namespace tolk::check
