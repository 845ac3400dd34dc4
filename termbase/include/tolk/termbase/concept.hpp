#pragma once
// The concept-oriented data model of a termbase, as in TBX: a concept holds per-language
// definitions and notes, legal references, citations, and terms in nl, en and ru.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/text/language.hpp"

namespace tolk::termbase {

using text::Language;

enum class TermStatus { preferred, admitted, deprecated, superseded };
enum class TermType {
  full_form,
  abbreviation,
  acronym,
  short_form,
  variant,
  phrase,
  transliteration
};
enum class PartOfSpeech { unspecified, noun, proper_noun, verb, adjective, adverb, phrase, other };
enum class Gender { unspecified, masculine, feminine, neuter, other };
enum class GrammaticalNumber { unspecified, singular, plural, other };
// Whether a term's wording was checked against the statute or an official register.
enum class Verification { verified, unverified };

// Where a term or concept stands in a source text: `FILE:LINE` and the quoted words.
struct Citation {
  std::string file;
  std::size_t line = 0;  // 1-based
  std::string quote;
  std::optional<Language> language;

  bool operator==(const Citation&) const = default;
};

// A reference to a provision: code + article + part, e.g. {"UK RF", "328", "1"}. Codes used:
// "UK RF" (Criminal Code; Dutch "WvS"), "KoAP RF" (Code of Administrative Offences; Dutch "CAO"),
// "FZ" (a federal law; the article is its number, "255-FZ").
struct LegalReference {
  std::string code;
  std::string article;
  std::string part;  // empty when the whole article is meant
  // The article's official title as the law words it ("Дезертирство"); empty when not recorded.
  // A title is shown beside the reference, never matched as a term: running text says
  // "дезертирство", the heading of the article is a name.
  std::string title;

  bool operator==(const LegalReference&) const = default;
};

struct Term {
  std::string text;  // NFC
  Language language = Language::en;
  TermStatus status = TermStatus::admitted;
  TermType type = TermType::full_form;
  PartOfSpeech part_of_speech = PartOfSpeech::unspecified;
  Gender gender = Gender::unspecified;
  GrammaticalNumber number = GrammaticalNumber::unspecified;
  std::string usage_note;
  Verification verification = Verification::verified;
  std::string source;  // where the wording comes from ("ru-statutes.md: УК 338"), if recorded
  std::vector<Citation> citations;

  bool operator==(const Term&) const = default;
};

struct Concept {
  std::string id;                    // stable, unique in a termbase
  std::vector<std::string> domains;  // subject fields
  std::vector<LegalReference> legal_references;
  std::map<Language, std::string> definitions;
  std::map<Language, std::string> notes;
  std::vector<Term> terms;  // every language, in the order given
  std::vector<Citation> citations;

  bool operator==(const Concept&) const = default;

  // The terms of one language, in order.
  std::vector<const Term*> terms_in(Language language) const;
  // The preferred term of a language (else its first term), or nothing.
  const Term* preferred_term(Language language) const;
  // The terms of a language for display: the preferred one first, then the others that are not
  // deprecated, joined by `separator`.
  std::string joined_terms(Language language, std::string_view separator) const;
  // The legal references as to_string() writes them ("UK RF 328 part 1"), in order, joined by
  // `separator`; empty when there are none.
  std::string joined_references(std::string_view separator = "; ") const;
  // The same with each reference's official title where it has one:
  // "UK RF 338 «Дезертирство»; UK RF 328 part 1".
  std::string joined_titled_references(std::string_view separator = "; ") const;
};

// Names as TBX writes them ("preferredTerm-admn-sts", "fullForm", "noun", "masculine", ...) and
// back. The parse functions accept the TBX names and tolk's own short ones ("preferred").
std::string_view to_string(TermStatus status);
std::string_view to_string(TermType type);
std::string_view to_string(PartOfSpeech part_of_speech);
std::string_view to_string(Gender gender);
std::string_view to_string(GrammaticalNumber number);
std::optional<TermStatus> parse_term_status(std::string_view text);
std::optional<TermType> parse_term_type(std::string_view text);
std::optional<PartOfSpeech> parse_part_of_speech(std::string_view text);
std::optional<Gender> parse_gender(std::string_view text);
std::optional<GrammaticalNumber> parse_number(std::string_view text);

// "UK RF 328 part 1" / "KoAP RF 6.21" / "FZ 255-FZ"; parse accepts that form and the Russian and
// Dutch ones ("ст. 328 ч. 1 УК РФ", "artikel 328 lid 1 WvS", "art. 6.21 CAO").
std::string to_string(const LegalReference& reference);
// to_string() followed by the title in guillemets where there is one: "UK RF 338 «Дезертирство»".
std::string titled(const LegalReference& reference);
// The order of a code's articles: by code, then article and part numerically, so that
// 20.3 < 20.3.3 < 20.29 < 207.3 and 255-FZ sorts by 255.
bool legal_order_less(const LegalReference& a, const LegalReference& b);
std::optional<LegalReference> parse_legal_reference(std::string_view text);

}  // namespace tolk::termbase
