// Reading the corpus, and aligning what the extractors found into proposed concepts.

#include "tolk/curation/extract.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "document.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::curation {
namespace fs = std::filesystem;
namespace {

void add_term(Alignment& alignment, Language language, const std::string& term) {
  if (term.empty())
    return;
  auto& terms = alignment.terms[language];
  const std::string key = text::search_key(term, language);
  const bool known = std::any_of(terms.begin(), terms.end(), [&](const std::string& other) {
    return text::search_key(other, language) == key;
  });
  if (!known)
    terms.push_back(term);
}

void finish(Alignment& alignment) {
  std::sort(alignment.evidence.begin(), alignment.evidence.end());
  alignment.evidence.erase(std::unique(alignment.evidence.begin(), alignment.evidence.end()),
                           alignment.evidence.end());
}

// Union-find over the expressions that glosses tie together.
class Expressions {
 public:
  std::size_t node(const std::string& text, Language language) {
    const std::string key = text::search_key(text, language);
    const auto [hit, created] = index_.try_emplace(key, parent_.size());
    if (created) {
      parent_.push_back(parent_.size());
      texts_.push_back({text, language});
    }
    return hit->second;
  }
  std::size_t root(std::size_t node) {
    while (parent_[node] != node) {
      parent_[node] = parent_[parent_[node]];
      node = parent_[node];
    }
    return node;
  }
  void join(std::size_t a, std::size_t b) {
    a = root(a);
    b = root(b);
    if (a != b)
      parent_[std::max(a, b)] = std::min(a, b);
  }
  std::size_t size() const { return parent_.size(); }
  const std::pair<std::string, Language>& text(std::size_t node) const { return texts_[node]; }
  std::optional<std::size_t> find(const std::string& key) const {
    const auto hit = index_.find(key);
    if (hit == index_.end())
      return std::nullopt;
    return hit->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::size_t> parent_;
  std::vector<std::pair<std::string, Language>> texts_;
};

bool sentence_start(const detail::Document& document, std::size_t i) {
  if (i == 0)
    return true;
  const std::string_view gap = document.gap_before(i);
  if (std::count(gap.begin(), gap.end(), '\n') > 1)
    return true;
  const auto& previous = document.tokens()[i - 1];
  return previous.kind != text::TokenKind::word &&
         (previous.text == "." || previous.text == "!" || previous.text == "?" ||
          previous.text == ":" || previous.text == "•" || previous.text == "-" ||
          previous.text == "–" || previous.kind == text::TokenKind::number);
}

bool is_reference_line(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9')
    ++digits;
  return (digits > 0 && digits < line.size() && line[digits] == ' ') ||
         line.find("http") != std::string_view::npos || line.find("www.") != std::string_view::npos;
}

struct NameSeen {
  std::map<Language, std::vector<std::string>> forms;
  std::map<Language, std::vector<Evidence>> evidence;
};

// Proper names written alike (on the transliteration key) in texts of two languages.
void align_names(std::span<const SourceText> sources, std::vector<Alignment>& out) {
  std::map<std::string, NameSeen> names;
  for (const SourceText& source : sources) {
    const detail::Document document(source);
    const auto& tokens = document.tokens();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!document.is_word(i) || !detail::starts_upper(tokens[i].text))
        continue;
      std::size_t end = i;
      while (end + 1 < tokens.size() && document.is_word(end + 1) &&
             detail::starts_upper(tokens[end + 1].text) &&
             document.gap_before(end + 1).find('\n') == std::string_view::npos) {
        ++end;
      }
      const std::size_t first = i;
      i = end;
      if (end - first >= 4 || sentence_start(document, first))
        continue;
      const std::size_t line = document.lines().line_of(tokens[first].begin);
      if (is_reference_line(document.lines().line(document.text(), line)))
        continue;
      const std::string name = document.span_text(first, end);
      if (name.find("’") != std::string::npos || name.find('\'') != std::string::npos)
        continue;
      if (first == end) {
        // A single word that a dictionary knows is a word ("July", "Russia"), not a shared name.
        const std::string lower = detail::lower_case(name, source.language);
        const auto& dutch = text::Dictionary::for_language(Language::nl);
        const auto& english = text::Dictionary::for_language(Language::en);
        if (text::utf16_length(name) < 4 || dutch.spell(lower) || english.spell(lower) ||
            dutch.spell(name) || english.spell(name)) {
          continue;
        }
      }
      NameSeen& seen = names[text::translit_key(name)];
      auto& forms = seen.forms[source.language];
      if (std::find(forms.begin(), forms.end(), name) == forms.end())
        forms.push_back(name);
      auto& evidence = seen.evidence[source.language];
      if (evidence.size() < 2)
        evidence.push_back(document.evidence_at(tokens[first].begin));
    }
  }
  for (auto& [key, seen] : names) {
    if (seen.forms.size() < 2)
      continue;
    Alignment alignment;
    alignment.pivot = AlignmentPivot::name;
    alignment.key = seen.forms.begin()->second.front();
    for (const auto& [language, forms] : seen.forms) {
      for (const std::string& form : forms)
        add_term(alignment, language, form);
    }
    for (const auto& [language, evidence] : seen.evidence)
      alignment.evidence.insert(alignment.evidence.end(), evidence.begin(), evidence.end());
    finish(alignment);
    out.push_back(std::move(alignment));
  }
}

}  // namespace

std::string to_string(const Evidence& evidence) {
  return evidence.file + ':' + std::to_string(evidence.line);
}

std::string_view to_string(AlignmentPivot pivot) {
  switch (pivot) {
    case AlignmentPivot::article:
      return "article";
    case AlignmentPivot::code:
      return "code";
    case AlignmentPivot::gloss:
      return "gloss";
    case AlignmentPivot::name:
      return "name";
  }
  return "?";
}

std::vector<SourceText> read_corpus(const fs::path& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error))
    throw std::runtime_error(directory.string() +
                             ": not a folder (the corpus is looked for there)");
  std::vector<SourceText> sources;
  for (const auto& entry : fs::directory_iterator(directory)) {
    const fs::path& path = entry.path();
    if (!entry.is_regular_file() || path.extension() != ".txt")
      continue;
    const std::string tag = path.stem().extension().string();
    const auto language = tag.size() > 1 ? text::parse_language(tag.substr(1)) : std::nullopt;
    if (!language)
      continue;
    std::ifstream file(path, std::ios::binary);
    if (!file)
      throw std::runtime_error(path.string() + ": cannot open");
    std::ostringstream buffer;
    buffer << file.rdbuf();
    const std::string bytes = std::move(buffer).str();
    text::validate_utf8(bytes, path.filename().string());
    SourceText source;
    source.file = path.filename().string();
    source.language = *language;
    source.text = std::string(text::strip_bom(bytes));
    sources.push_back(std::move(source));
  }
  std::sort(sources.begin(), sources.end(),
            [](const SourceText& a, const SourceText& b) { return a.file < b.file; });
  return sources;
}

std::vector<Alignment> align(std::span<const SourceText> sources,
                             std::span<const ArticleReference> articles,
                             std::span<const Gloss> glosses) {
  // One concept per article of a code (or federal law), whatever the language.
  std::map<std::string, Alignment> by_article;
  for (const ArticleReference& article : articles) {
    if (article.reference.code.empty())
      continue;
    const std::string key = termbase::to_string(article.reference);
    auto [slot, created] = by_article.try_emplace(key);
    Alignment& alignment = slot->second;
    if (created) {
      alignment.pivot = AlignmentPivot::article;
      alignment.key = key;
      alignment.references.push_back(article.reference);
    }
    add_term(alignment, article.language, article.description);
    alignment.evidence.push_back(article.evidence);
  }

  // The names of the codes themselves.
  std::map<std::string, Alignment> by_code;
  std::unordered_map<std::string, std::string> code_names;  // search key of a name -> code
  for (const SourceText& source : sources) {
    const detail::Document document(source);
    std::map<std::string, std::size_t> per_name;
    for (const auto& mention : detail::find_code_mentions(document)) {
      auto [slot, created] = by_code.try_emplace(mention.code);
      Alignment& alignment = slot->second;
      if (created) {
        alignment.pivot = AlignmentPivot::code;
        alignment.key = mention.code;
      }
      add_term(alignment, source.language, mention.text);
      code_names[text::search_key(mention.text, source.language)] = mention.code;
      if (per_name[mention.text]++ < 3)
        alignment.evidence.push_back(document.evidence_at(mention.begin));
    }
  }

  // Glosses tie expressions together; a chain becomes one concept.
  Expressions expressions;
  std::vector<std::vector<Evidence>> node_evidence;
  std::vector<std::vector<termbase::LegalReference>> node_references;
  const auto grow = [&] {
    node_evidence.resize(expressions.size());
    node_references.resize(expressions.size());
  };
  for (const Gloss& gloss : glosses) {
    if (gloss.term.empty() || gloss.gloss.empty())
      continue;
    const std::size_t term = expressions.node(gloss.term, gloss.term_language);
    const std::size_t rendering = expressions.node(gloss.gloss, gloss.gloss_language);
    grow();
    expressions.join(term, rendering);
    node_evidence[rendering].push_back(gloss.evidence);
    auto& term_evidence = node_evidence[term];
    term_evidence.insert(term_evidence.end(), gloss.term_evidence.begin(),
                         gloss.term_evidence.end());
    if (gloss.term_evidence.empty())
      term_evidence.push_back(gloss.evidence);
    node_references[term].insert(node_references[term].end(), gloss.references.begin(),
                                 gloss.references.end());
  }
  std::map<std::size_t, std::vector<std::size_t>> components;
  for (std::size_t node = 0; node < expressions.size(); ++node)
    components[expressions.root(node)].push_back(node);
  std::vector<Alignment> from_glosses;
  for (const auto& [root, nodes] : components) {
    Alignment alignment;
    alignment.pivot = AlignmentPivot::gloss;
    alignment.key = expressions.text(root).first;
    std::string code;
    for (const std::size_t node : nodes) {
      const auto& [text, language] = expressions.text(node);
      add_term(alignment, language, text);
      alignment.evidence.insert(alignment.evidence.end(), node_evidence[node].begin(),
                                node_evidence[node].end());
      for (const auto& reference : node_references[node]) {
        if (std::find(alignment.references.begin(), alignment.references.end(), reference) ==
            alignment.references.end()) {
          alignment.references.push_back(reference);
        }
      }
      if (const auto hit = code_names.find(text::search_key(text, language));
          hit != code_names.end()) {
        code = hit->second;
      }
    }
    // A chain that names a code, or that glosses an article, joins that concept.
    Alignment* target = nullptr;
    if (!code.empty() && by_code.contains(code)) {
      target = &by_code[code];
    } else if (alignment.references.size() == 1) {
      const auto hit = by_article.find(termbase::to_string(alignment.references.front()));
      if (hit != by_article.end())
        target = &hit->second;
    }
    if (target != nullptr) {
      for (const auto& [language, terms] : alignment.terms) {
        for (const std::string& term : terms)
          add_term(*target, language, term);
      }
      target->evidence.insert(target->evidence.end(), alignment.evidence.begin(),
                              alignment.evidence.end());
      continue;
    }
    from_glosses.push_back(std::move(alignment));
  }

  std::vector<Alignment> alignments;
  std::vector<Alignment> articles_sorted;
  for (auto& [key, alignment] : by_article)
    articles_sorted.push_back(std::move(alignment));
  std::sort(articles_sorted.begin(), articles_sorted.end(), [](const auto& a, const auto& b) {
    return termbase::legal_order_less(a.references.front(), b.references.front());
  });
  for (auto& alignment : articles_sorted)
    alignments.push_back(std::move(alignment));
  for (auto& [key, alignment] : by_code)
    alignments.push_back(std::move(alignment));
  for (auto& alignment : from_glosses)
    alignments.push_back(std::move(alignment));
  align_names(sources, alignments);
  for (auto& alignment : alignments)
    finish(alignment);
  return alignments;
}

Extraction extract(std::span<const SourceText> sources, const ExtractOptions& options) {
  Extraction extraction;
  for (const SourceText& source : sources) {
    auto articles = find_article_references(source, options.context_lines);
    extraction.articles.insert(extraction.articles.end(), articles.begin(), articles.end());
    auto quotations = find_quotations(source, options.max_quote_words);
    extraction.quotations.insert(extraction.quotations.end(), quotations.begin(), quotations.end());
    auto glosses = find_glosses(source);
    extraction.glosses.insert(extraction.glosses.end(), glosses.begin(), glosses.end());
  }
  extraction.candidates = find_term_candidates(sources, options);
  extraction.alignments = align(sources, extraction.articles, extraction.glosses);
  return extraction;
}

}  // namespace tolk::curation
