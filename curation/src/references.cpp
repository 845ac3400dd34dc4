// Article references: "artikel 328 lid 1 WvS", "artt. 272, 273 en 274.1 WvS", "(lid 2, artikel
// 6.21)", "Article 330.1 of the Criminal Code", "ч. 1 ст. 328 УК РФ", and federal-law numbers
// ("№ 260-ФЗ", "nr. 61-FZ").

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "document.hpp"

namespace tolk::curation {
namespace detail {
namespace {

struct CodeName {
  std::string_view code;
  std::array<std::string_view, 4> words;  // search keys; empty ones unused
  bool exact = false;  // an abbreviation: matched as written ("CAO", not the Dutch word "cao")
};

// Longer names first, so that "УК РФ" wins over "УК".
constexpr std::array<CodeName, 16> kCodeNames = {{
    {"KoAP RF", {"wetboek", "van", "administratieve", "overtredingen"}, false},
    {"KoAP RF", {"code", "of", "administrative", "offences"}, false},
    {"KoAP RF", {"code", "of", "administrative", "offenses"}, false},
    {"UK RF", {"wetboek", "van", "strafrecht", ""}, false},
    {"UK RF", {"уголовного", "кодекса", "", ""}, false},
    {"UK RF", {"уголовный", "кодекс", "", ""}, false},
    {"UK RF", {"criminal", "code", "", ""}, false},
    {"KoAP RF", {"administrative", "code", "", ""}, false},
    {"UK RF", {"УК", "РФ", "", ""}, true},
    {"KoAP RF", {"КоАП", "РФ", "", ""}, true},
    {"UK RF", {"WvS", "", "", ""}, true},
    {"KoAP RF", {"CAO", "", "", ""}, true},
    {"UK RF", {"УК", "", "", ""}, true},
    {"KoAP RF", {"КоАП", "", "", ""}, true},
    {"UK RF", {"UK", "RF", "", ""}, true},
    {"KoAP RF", {"KoAP", "RF", "", ""}, true},
}};

constexpr std::array<std::string_view, 7> kFillers = {"van", "het",     "de",       "of",
                                                      "the", "russian", "russische"};

// Words that introduce an article: Dutch, English, Russian (all cases of "статья").
constexpr std::array<std::string_view, 17> kTriggers = {
    "artikel", "artikelen", "art",     "artt",     "article", "articles",
    "arts",    "ст",        "статья",  "статьи",   "статье",  "статью",
    "статьей", "статей",    "статьям", "статьями", "статьях"};

constexpr std::array<std::string_view, 9> kPartWords = {
    "lid", "paragraaf", "part", "paragraph", "ч", "часть", "части", "частью", "section"};

constexpr std::array<std::string_view, 8> kListWords = {"en", "and", "и",   "of",
                                                        "or", "или", "tot", "to"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view key) {
  return std::find(words.begin(), words.end(), key) != words.end();
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "328", "282.2", "20.3.3": up to three digits, then up to three groups of one or two.
bool is_article_number(std::string_view text) {
  std::size_t group = 0;
  std::size_t digits = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      ++digits;
      if ((group == 0 && digits > 3) || (group > 0 && digits > 2))
        return false;
    } else if (c == '.') {
      if (digits == 0 || ++group > 3)
        return false;
      digits = 0;
    } else {
      return false;
    }
  }
  return digits > 0;
}

bool is_part_number(std::string_view text) {
  return is_article_number(text) && text.size() <= 4;
}

// The code named at token i, without fillers: {code, one past its last token}.
std::optional<std::pair<std::string_view, std::size_t>> code_at(const Document& document,
                                                                std::size_t i) {
  for (const CodeName& name : kCodeNames) {
    std::size_t j = i;
    bool matched = true;
    std::size_t count = 0;
    for (const std::string_view word : name.words) {
      if (word.empty())
        break;
      // Punctuation is a token of its own, so consecutive tokens are words of one name.
      if (j >= document.size()) {
        matched = false;
        break;
      }
      const bool last = count + 1 == name.words.size() || name.words[count + 1].empty();
      if (name.exact) {
        const std::string_view written = document.tokens()[j].text;
        // A footnote number may be glued to the last word: "CAO207".
        const bool same = written == word || (last && written.starts_with(word) &&
                                              all_digits(written.substr(word.size())));
        if (!same) {
          matched = false;
          break;
        }
      } else if (document.key(j) != word) {
        matched = false;
        break;
      }
      ++j;
      ++count;
    }
    if (matched && count > 0)
      return std::pair{name.code, j};
  }
  return std::nullopt;
}

struct Parsed {
  std::vector<termbase::LegalReference> references;
  std::size_t first = 0;  // first token of the reference text
  std::size_t last = 0;   // last token
  bool has_code = false;
  Language language = Language::nl;
};

Language trigger_language(std::string_view key, Language document_language) {
  if (key == "artikel" || key == "artikelen" || key == "artt")
    return Language::nl;
  if (key == "article" || key == "articles" || key == "arts")
    return Language::en;
  if (key == "art")
    return document_language == Language::ru ? Language::nl : document_language;
  return Language::ru;
}

std::optional<Parsed> parse_reference(const Document& document, std::size_t trigger) {
  const std::size_t n = document.size();
  Parsed parsed;
  parsed.first = trigger;
  parsed.last = trigger;
  parsed.language = trigger_language(document.key(trigger), document.language());
  std::size_t i = trigger + 1;
  if (document.is_mark(i, "."))
    ++i;
  while (document.is_number(i) && is_article_number(document.tokens()[i].text)) {
    termbase::LegalReference reference;
    reference.article = std::string(document.tokens()[i].text);
    parsed.last = i;
    ++i;
    std::size_t j = document.is_mark(i, ",") ? i + 1 : i;
    if (j < n && contains(kPartWords, document.key(j))) {
      std::size_t k = j + 1;
      if (document.is_mark(k, "."))
        ++k;
      if (document.is_number(k) && is_part_number(document.tokens()[k].text)) {
        reference.part = std::string(document.tokens()[k].text);
        parsed.last = k;
        i = k + 1;
      }
    } else if (document.is_mark(i, "(") && document.gap_before(i).empty() &&
               document.is_number(i + 1) && document.is_mark(i + 2, ")") &&
               is_part_number(document.tokens()[i + 1].text)) {
      reference.part = std::string(document.tokens()[i + 1].text);  // "328(1)"
      parsed.last = i + 2;
      i += 3;
    }
    parsed.references.push_back(std::move(reference));
    if ((document.is_mark(i, ",") || document.is_mark(i, "-") || document.is_mark(i, "–") ||
         (document.is_word(i) && contains(kListWords, document.key(i)))) &&
        document.is_number(i + 1) && is_article_number(document.tokens()[i + 1].text)) {
      ++i;
      continue;
    }
    break;
  }
  if (parsed.references.empty())
    return std::nullopt;

  // The code, possibly after "van het", "of the (Russian)".
  std::size_t j = i;
  for (std::size_t fillers = 0; j < n && fillers <= 3; ++fillers) {
    if (const auto code = code_at(document, j)) {
      for (auto& reference : parsed.references)
        reference.code = std::string(code->first);
      parsed.has_code = true;
      parsed.last = code->second - 1;
      break;
    }
    if (!document.is_word(j) || !contains(kFillers, document.key(j)))
      break;
    ++j;
  }

  // A part named before the article: "lid 2, artikel 6.21", "part 1 of Article 328",
  // "ч. 1 ст. 328".
  if (parsed.references.size() == 1 && parsed.references.front().part.empty() && trigger >= 2) {
    std::size_t k = trigger - 1;
    if (document.is_mark(k, ",") || document.is_key(k, "van") || document.is_key(k, "of"))
      --k;
    if (document.is_number(k) && is_part_number(document.tokens()[k].text) && k >= 1) {
      std::size_t word = k - 1;
      if (document.is_mark(word, ".") && word >= 1)
        --word;
      if (document.is_word(word) && contains(kPartWords, document.key(word))) {
        parsed.references.front().part = std::string(document.tokens()[k].text);
        parsed.first = word;
      }
    }
  }
  return parsed;
}

bool is_dash(const Document& document, std::size_t i) {
  return document.is_mark(i, "–") || document.is_mark(i, "—") ||
         (document.is_mark(i, "-") && !document.gap_before(i).empty());
}

// What the text calls the provision: "Desertie – artikel 338 WvS", "desertie (art. 338 WvS)",
// "Artikel 280: openbaar oproepen tot ...", "artikel 275 WvS (hoogverraad)".
std::string describe(const Document& document, const Parsed& parsed) {
  constexpr std::size_t kMaxWords = 10;
  const std::size_t before = parsed.first;
  if (before > 0 && is_dash(document, before - 1)) {
    if (auto words = words_before(document, before - 1, kMaxWords); !words.empty())
      return words;
  }
  if (before > 0 && document.is_mark(before - 1, "(")) {
    if (auto words = words_before(document, before - 1, kMaxWords); !words.empty())
      return words;
  }
  const std::size_t after = parsed.last + 1;
  if (document.is_mark(after, "(") && document.is_word(after + 1) &&
      !detail::starts_upper(document.tokens()[after + 1].text)) {
    std::size_t close = after + 1;
    while (close < document.size() && document.is_word(close) && close - after <= 4)
      ++close;
    if (document.is_mark(close, ")") && close > after + 1)
      return document.span_text(after + 1, close - 1);
  }
  if (document.is_mark(after, ":") || is_dash(document, after) ||
      (document.is_mark(after, ",") && document.is_word(after + 1))) {
    return words_after(document, after + 1, kMaxWords);
  }
  return {};
}

// "260-ФЗ", "61-FZ" (also "№409-FZ"), with the law's name when a quotation follows.
void find_federal_laws(const Document& document, std::vector<LocatedReference>& out) {
  for (std::size_t i = 0; i + 2 < document.size(); ++i) {
    if (!document.is_number(i) || !all_digits(document.tokens()[i].text) ||
        document.tokens()[i].text.size() > 3 || !document.is_mark(i + 1, "-") ||
        !document.gap_before(i + 1).empty() || !document.gap_before(i + 2).empty()) {
      continue;
    }
    const std::string_view law = document.tokens()[i + 2].text;
    const bool russian = law.starts_with("ФЗ");
    if (!russian && !law.starts_with("FZ"))
      continue;
    const std::string_view rest = law.substr(russian ? std::string_view("ФЗ").size() : 2);
    if (!rest.empty() && !all_digits(rest))
      continue;
    LocatedReference located;
    ArticleReference& reference = located.reference;
    reference.reference.code = "FZ";
    reference.reference.article = std::string(document.tokens()[i].text) + "-FZ";
    reference.language = russian ? Language::ru : document.language();
    std::size_t first = i;
    if (i > 0 && (document.is_mark(i - 1, "№") || document.key(i - 1) == "n")) {
      first = i - 1;
    }
    located.begin = document.tokens()[first].begin;
    located.end = document.tokens()[i + 2].end;
    reference.text = document.span_text(first, i + 2);
    reference.evidence = document.evidence_at(located.begin);
    // The law's name in quotation marks right after its number.
    const std::size_t next = i + 3;
    if (next < document.size() && document.tokens()[next].kind == text::TokenKind::punctuation &&
        is_quote_mark(document.tokens()[next].text)) {
      std::size_t close = next + 1;
      while (close < document.size() && close - next < 15 &&
             !(document.tokens()[close].kind == text::TokenKind::punctuation &&
               is_quote_mark(document.tokens()[close].text))) {
        ++close;
      }
      if (close < document.size() && close > next + 1 && close - next < 15)
        reference.description = document.span_text(next + 1, close - 1);
    }
    out.push_back(std::move(located));
  }
}

}  // namespace

std::vector<CodeMention> find_code_mentions(const Document& document) {
  std::vector<CodeMention> mentions;
  for (std::size_t i = 0; i < document.size(); ++i) {
    if (!document.is_word(i) && !document.is_number(i))
      continue;
    if (const auto code = code_at(document, i)) {
      CodeMention mention;
      mention.code = std::string(code->first);
      mention.first_token = i;
      mention.end_token = code->second;
      mention.begin = document.tokens()[i].begin;
      mention.text = document.span_text(i, code->second - 1);
      // "CAO207": the footnote number is not part of the name.
      while (!mention.text.empty() && mention.text.back() >= '0' && mention.text.back() <= '9')
        mention.text.pop_back();
      mentions.push_back(std::move(mention));
      i = code->second - 1;
    }
  }
  return mentions;
}

std::vector<LocatedReference> locate_article_references(const Document& document,
                                                        std::size_t context_lines) {
  std::vector<LocatedReference> found;
  for (std::size_t i = 0; i < document.size(); ++i) {
    if (!document.is_word(i) || !contains(kTriggers, document.key(i)))
      continue;
    const auto parsed = parse_reference(document, i);
    if (!parsed)
      continue;
    // A bare "Article 19" in a Dutch text is a name (the NGO ARTICLE 19), not a provision.
    if (!parsed->has_code && parsed->language != document.language())
      continue;
    const std::size_t begin = document.tokens()[parsed->first].begin;
    const std::string text = document.span_text(parsed->first, parsed->last);
    const std::string description = describe(document, *parsed);
    for (const auto& legal : parsed->references) {
      LocatedReference located;
      located.begin = begin;
      located.end = document.tokens()[parsed->last].end;
      located.reference.reference = legal;
      located.reference.text = text;
      located.reference.language = parsed->language;
      located.reference.evidence = document.evidence_at(begin);
      located.reference.description = description;
      found.push_back(std::move(located));
    }
    i = parsed->last;
  }

  // Bare references ("Artikel 280:", "art. 352.1") take their code from the same article cited
  // with a code elsewhere in the file, else from the nearest code named before them, else from
  // the same article resolved that way.
  const auto codes_of = [&](const std::string& article, bool explicit_only) {
    std::set<std::string> codes;
    for (const auto& other : found) {
      const auto& legal = other.reference.reference;
      if (legal.article == article && !legal.code.empty() &&
          (!explicit_only || !other.reference.code_inferred)) {
        codes.insert(legal.code);
      }
    }
    return codes;
  };
  for (auto& located : found) {
    auto& legal = located.reference.reference;
    if (!legal.code.empty())
      continue;
    if (const auto codes = codes_of(legal.article, true); codes.size() == 1) {
      legal.code = *codes.begin();
      located.reference.code_inferred = true;
    }
  }
  // An article whose parent is cited with a code belongs to the same code: 6.21.2 with 6.21.
  for (auto& located : found) {
    auto& legal = located.reference.reference;
    if (!legal.code.empty())
      continue;
    for (std::string parent = legal.article; parent.find('.') != std::string::npos;) {
      parent.resize(parent.rfind('.'));
      if (const auto codes = codes_of(parent, false); codes.size() == 1) {
        legal.code = *codes.begin();
        located.reference.code_inferred = true;
        break;
      }
    }
  }
  const auto mentions = find_code_mentions(document);
  for (auto& located : found) {
    auto& legal = located.reference.reference;
    if (!legal.code.empty())
      continue;
    const std::size_t line = located.reference.evidence.line;
    for (auto mention = mentions.rbegin(); mention != mentions.rend(); ++mention) {
      if (mention->begin >= located.begin)
        continue;
      if (document.lines().line_of(mention->begin) + context_lines >= line) {
        legal.code = mention->code;
        located.reference.code_inferred = true;
      }
      break;
    }
  }
  for (auto& located : found) {
    auto& legal = located.reference.reference;
    if (!legal.code.empty())
      continue;
    if (const auto codes = codes_of(legal.article, false); codes.size() == 1) {
      legal.code = *codes.begin();
      located.reference.code_inferred = true;
    }
  }

  find_federal_laws(document, found);
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.begin < b.begin; });
  return found;
}

}  // namespace detail

std::vector<ArticleReference> find_article_references(const SourceText& source,
                                                      std::size_t context_lines) {
  const detail::Document document(source);
  std::vector<ArticleReference> references;
  for (auto& located : detail::locate_article_references(document, context_lines))
    references.push_back(std::move(located.reference));
  return references;
}

}  // namespace tolk::curation
