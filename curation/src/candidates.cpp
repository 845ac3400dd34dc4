// Recurring Dutch compounds and noun phrases of the legal vocabulary, with their frequencies.
//
// "Legal vocabulary" is the seed list below (lemmas of criminal, administrative and military law
// in Dutch and English) plus, data-driven, every lemma that stands in a sentence citing an
// article: "Dienstplichtontduiking is strafbaar onder artikel 328" makes "dienstplichtontduiking"
// part of it. A compound belongs when one of its parts or the compound itself does; a phrase when
// one of its words (or a part of one of its compound words) is a seed lemma.

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "document.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::curation {
namespace {

using detail::Document;

constexpr auto kLegalVocabulary = std::to_array<std::string_view>(
    {// Dutch
     "dienstplicht", "dienstplichtig", "dienstplichtige", "dienst", "militair", "soldaat", "leger",
     "oorlog", "mobilisatie", "rekrutering", "oproep", "dagvaarding", "keuring", "uitstel",
     "vrijstelling", "contract", "deserteur", "desertie", "ontduiking", "ontduiker", "weigering",
     "weigeraar", "geweten", "bezwaar", "bezwaarde", "straf", "strafzaak", "strafrecht", "recht",
     "rechter", "rechtbank", "rechtszaak", "wet", "wetboek", "wetgeving", "artikel", "detentie",
     "gevangenis", "gevangene", "kolonie", "arrest", "hechtenis", "boete", "vervolging",
     "veroordeling", "vonnis", "verdachte", "aanklacht", "advocaat", "politie", "agent",
     "extremisme", "extremist", "terrorisme", "terrorist", "verraad", "spionage", "propaganda",
     "censuur", "diskrediet", "sanctie", "register", "overtreding", "misdrijf", "delict",
     "vrijheid", "staatsburgerschap", "burgerschap", "grens", "organisatie", "vervolgd",
     "bestuursrecht", "verstek", "beroep", "gratie", "marteling", "eenheid", "bevel",
     // English
     "conscription", "conscript", "military", "service", "soldier", "army", "war", "mobilisation",
     "mobilization", "desertion", "deserter", "evasion", "law", "legislation", "code", "article",
     "court", "judge", "trial", "prison", "imprisonment", "detention", "sentence", "fine",
     "prosecution", "prosecutor", "charge", "crime", "offence", "offense", "penalty", "police",
     "agent", "extremism", "extremist", "terrorism", "terrorist", "treason", "espionage",
     "propaganda", "censorship", "sanction", "register", "designation", "organization",
     "organisation", "arrest", "custody", "colony", "torture", "lawyer", "defender", "justice",
     "prisoner"});

constexpr auto kStopWords = std::to_array<std::string_view>(
    {// Dutch
     "de", "het", "een", "en", "of", "van", "in", "op", "te", "aan", "met", "voor", "door", "bij",
     "uit", "over", "als", "dat", "die", "dit", "deze", "zijn", "is", "was", "werd", "worden",
     "wordt", "werden", "zij", "hij", "ze", "er", "niet", "ook", "om", "tot", "naar", "dan", "maar",
     "nog", "wel", "geen", "meer", "onder", "tegen", "na", "zo", "hun", "haar", "kunnen", "kan",
     "kon", "konden", "heeft", "hebben", "had", "hadden", "zou", "zouden", "zal", "zullen", "moet",
     "moeten", "mag", "mogen", "zich", "zelf", "elke", "ieder", "andere", "alleen", "binnen",
     "aangezien", "waar", "wat", "wie", "hoe", "toen", "nu", "eind", "begin",
     // English
     "the", "a", "an", "and", "or", "of", "on", "at", "to", "for", "with", "by", "from", "that",
     "this", "it", "its", "their", "be", "been", "are", "were", "not", "also", "which", "who", "as",
     // Russian
     "и", "в", "на", "с"});

// Function words that may stand inside a phrase ("kritiek op de oorlog", "justification of
// terrorism"); the other stop words end it.
constexpr auto kInnerWords = std::to_array<std::string_view>(
    {"de", "het", "een", "van", "voor",    "tot", "op", "der", "the", "a", "an",
     "of", "for", "to",  "in",  "against", "в",   "на", "о",   "об",  "к", "от"});

bool is_stop_word(std::string_view key) {
  return std::find(kStopWords.begin(), kStopWords.end(), key) != kStopWords.end();
}

bool is_inner_word(std::string_view key) {
  return std::find(kInnerWords.begin(), kInnerWords.end(), key) != kInnerWords.end();
}

bool is_plain_word(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    std::size_t length = 1;
    if (!detail::is_letter(detail::code_point_at(word, i, length)))
      return false;
    i += length;
  }
  return !word.empty();
}

// Lines that are references rather than running text: URLs.
bool is_url_line(std::string_view line) {
  return line.find("http") != std::string_view::npos || line.find("www.") != std::string_view::npos;
}

struct Tally {
  std::map<std::string, std::size_t> forms;  // surface form (lower case) -> count
  std::size_t frequency = 0;
  std::vector<Evidence> evidence;
  std::vector<std::string> parts;
  CandidateKind kind = CandidateKind::phrase;
  Language language = Language::nl;
  std::size_t words = 0;
  std::string lemma;
  bool legal = false;
};

class CandidateFinder {
 public:
  explicit CandidateFinder(const ExtractOptions& options) : options_(options) {
    if (options.legal_vocabulary.empty()) {
      for (const std::string_view word : kLegalVocabulary)
        vocabulary_.insert(std::string(word));
    } else {
      vocabulary_.insert(options.legal_vocabulary.begin(), options.legal_vocabulary.end());
    }
  }

  void add(const SourceText& source) {
    const Document document(source);
    collect_cited(document);
    const auto& dictionary = text::Dictionary::for_language(source.language);
    std::vector<std::string> lemmas(document.size());
    std::vector<bool> usable(document.size(), false);
    std::vector<signed char> skip_line(document.lines().line_count() + 1, -1);
    for (std::size_t i = 0; i < document.size(); ++i) {
      if (!document.is_word(i) || !is_plain_word(document.tokens()[i].text))
        continue;
      const std::size_t line = document.lines().line_of(document.tokens()[i].begin);
      if (skip_line[line] < 0) {
        skip_line[line] = is_url_line(document.lines().line(document.text(), line)) ||
                                  foreign_line(document, line)
                              ? 1
                              : 0;
      }
      if (skip_line[line] == 1)
        continue;
      usable[i] = true;
      lemmas[i] =
          text::search_key(lemma_of(dictionary, document.tokens()[i].text), source.language);
      if (source.language == Language::nl)
        add_compound(document, dictionary, i, lemmas[i]);
    }
    add_phrases(document, lemmas, usable);
  }

  // Hunspell may give a compound two lemmas ("contractsoldaten": "contractsoldate" and
  // "contractsoldaat"); the one that stands in the corpus as a word of its own wins.
  void merge_compound_lemmas() {
    const auto& dictionary = text::Dictionary::for_language(Language::nl);
    std::vector<std::string> keys;
    for (const auto& [key, tally] : tallies_) {
      if (tally.kind == CandidateKind::compound)
        keys.push_back(key);
    }
    for (const std::string& key : keys) {
      Tally& tally = tallies_.at(key);
      if (tally.frequency == 0)
        continue;
      std::string target;
      for (const auto& [form, count] : tally.forms) {
        for (const std::string& stem : dictionary.stems(form)) {
          const std::string other = tally_key(Language::nl, CandidateKind::compound, stem);
          const auto hit = tallies_.find(other);
          if (stem != tally.lemma && hit != tallies_.end() && hit->second.frequency > 0 &&
              hit->second.forms.contains(stem)) {
            target = other;
            break;
          }
        }
        if (!target.empty())
          break;
      }
      if (target.empty())
        continue;
      Tally& into = tallies_.at(target);
      into.frequency += tally.frequency;
      for (const auto& [form, count] : tally.forms)
        into.forms[form] += count;
      for (const Evidence& evidence : tally.evidence) {
        if (std::find(into.evidence.begin(), into.evidence.end(), evidence) == into.evidence.end())
          into.evidence.push_back(evidence);
      }
      std::sort(into.evidence.begin(), into.evidence.end());
      if (into.evidence.size() > options_.max_evidence)
        into.evidence.resize(options_.max_evidence);
      into.legal = into.legal || tally.legal;
      tally.frequency = 0;
    }
  }

  std::vector<TermCandidate> result() {
    merge_compound_lemmas();
    // A phrase inside a longer one that occurs as often is not a candidate of its own.
    std::unordered_set<std::string> subsumed;
    for (const auto& [key, tally] : tallies_) {
      if (tally.kind != CandidateKind::phrase || tally.words < 3)
        continue;
      const auto first_space = tally.lemma.find(' ');
      const auto last_space = tally.lemma.rfind(' ');
      for (const std::string& shorter :
           {tally.lemma.substr(first_space + 1), tally.lemma.substr(0, last_space)}) {
        const auto hit = tallies_.find(tally_key(tally.language, tally.kind, shorter));
        if (hit != tallies_.end() && hit->second.frequency == tally.frequency)
          subsumed.insert(hit->first);
      }
    }
    std::vector<TermCandidate> candidates;
    for (auto& [key, tally] : tallies_) {
      const bool legal = tally.legal || cited_.contains(cited_key(tally.language, tally.lemma));
      if (!legal || tally.frequency == 0 || tally.frequency < options_.min_frequency ||
          subsumed.contains(key))
        continue;
      TermCandidate candidate;
      candidate.kind = tally.kind;
      candidate.language = tally.language;
      candidate.lemma = tally.lemma;
      candidate.frequency = tally.frequency;
      candidate.parts = tally.parts;
      candidate.evidence = tally.evidence;
      candidate.text =
          std::max_element(tally.forms.begin(), tally.forms.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; })
              ->first;
      candidates.push_back(std::move(candidate));
    }
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
      if (a.language != b.language)
        return a.language < b.language;
      if (a.kind != b.kind)
        return a.kind < b.kind;
      if (a.frequency != b.frequency)
        return a.frequency > b.frequency;
      return a.lemma < b.lemma;
    });
    return candidates;
  }

 private:
  const ExtractOptions& options_;
  std::unordered_set<std::string> vocabulary_;
  std::unordered_set<std::string> cited_;  // language code + lemma, from sentences citing articles
  std::unordered_map<std::string, Tally> tallies_;

  static std::string cited_key(Language language, const std::string& lemma) {
    return std::string(text::language_code(language)) + '\t' + lemma;
  }
  static std::string tally_key(Language language, CandidateKind kind, const std::string& lemma) {
    return cited_key(language, lemma) + (kind == CandidateKind::compound ? "\tc" : "\tp");
  }

  bool in_vocabulary(const std::string& lemma) const { return vocabulary_.contains(lemma); }

  // Lemmas of lower-case words in two or more running-text sentences that cite an article.
  void collect_cited(const Document& document) {
    const auto references = detail::locate_article_references(document, options_.context_lines);
    if (references.empty())
      return;
    const auto& dictionary = text::Dictionary::for_language(document.language());
    std::unordered_map<std::string, std::size_t> sentences_with;
    for (const text::Sentence& sentence :
         text::split_sentences(document.text(), document.language())) {
      const bool cites = std::any_of(references.begin(), references.end(), [&](const auto& r) {
        return r.begin >= sentence.begin && r.begin < sentence.end;
      });
      const bool footnote =
          !sentence.text.empty() && sentence.text.front() >= '0' && sentence.text.front() <= '9';
      if (!cites || footnote || is_url_line(sentence.text))
        continue;
      std::unordered_set<std::string> here;
      for (const text::Token& token : text::tokenize(sentence.text, document.language())) {
        if (token.kind == text::TokenKind::word && token.text.size() >= 6 &&
            !detail::starts_upper(token.text) && is_plain_word(token.text)) {
          here.insert(text::search_key(lemma_of(dictionary, token.text), document.language()));
        }
      }
      for (const std::string& lemma : here) {
        if (++sentences_with[lemma] == 2)
          cited_.insert(cited_key(document.language(), lemma));
      }
    }
  }

  // The first of Hunspell's lemmas that is its own lemma and a word: "contractsoldaat", not the
  // "contractsoldate" that the head "soldaten" also allows (whose lemma is "contractsoldaat").
  static std::string lemma_of(const text::Dictionary& dictionary, std::string_view word) {
    const auto stems = dictionary.stems(word);
    for (const std::string& stem : stems) {
      const auto again = dictionary.stems(stem);
      if (dictionary.spell(stem) && std::find(again.begin(), again.end(), stem) != again.end())
        return stem;
    }
    return stems.empty() ? detail::lower_case(word, dictionary.language()) : stems.front();
  }

  // Whether a line is in the other Latin-script language: an English source title in the Dutch
  // report ("Mass raids on conscripts resume in Moscow"), or the reverse. Words that only one of
  // the two dictionaries knows decide.
  static bool foreign_line(const Document& document, std::size_t line) {
    if (document.language() == Language::ru)
      return false;
    const Language other = document.language() == Language::nl ? Language::en : Language::nl;
    const auto& own_dictionary = text::Dictionary::for_language(document.language());
    const auto& other_dictionary = text::Dictionary::for_language(other);
    std::size_t own = 0;
    std::size_t foreign = 0;
    for (const text::Token& token :
         text::tokenize(document.lines().line(document.text(), line), document.language())) {
      if (token.kind != text::TokenKind::word)
        continue;
      const bool mine = own_dictionary.spell(token.text);
      const bool theirs = other_dictionary.spell(token.text);
      own += mine && !theirs ? 1 : 0;
      foreign += theirs && !mine ? 1 : 0;
    }
    return foreign > own;
  }

  void count(Tally& tally, const Document& document, std::size_t begin, std::string form) {
    ++tally.frequency;
    ++tally.forms[std::move(form)];
    const Evidence evidence = document.evidence_at(begin);
    if (tally.evidence.size() < options_.max_evidence &&
        std::find(tally.evidence.begin(), tally.evidence.end(), evidence) == tally.evidence.end()) {
      tally.evidence.push_back(evidence);
    }
  }

  void add_compound(const Document& document, const text::Dictionary& dictionary, std::size_t i,
                    const std::string& lemma) {
    const std::string_view word = document.tokens()[i].text;
    if (text::utf16_length(word) < 9)
      return;
    const auto split = dictionary.split_compound(word);
    if (!split || split->parts.size() < 2)
      return;
    const std::string key = tally_key(Language::nl, CandidateKind::compound, lemma);
    auto [slot, created] = tallies_.try_emplace(key);
    Tally& tally = slot->second;
    if (created) {
      tally.kind = CandidateKind::compound;
      tally.language = Language::nl;
      tally.lemma = lemma;
      tally.words = 1;
      const auto lemma_split = dictionary.split_compound(lemma);
      // The cited vocabulary counts for a compound's parts, and for the compound itself.
      tally.parts = lemma_split ? lemma_split->parts : split->parts;
      for (const std::string& part : tally.parts) {
        const std::string part_lemma = text::search_key(lemma_of(dictionary, part), Language::nl);
        tally.legal = tally.legal || in_vocabulary(part_lemma) || in_vocabulary(part) ||
                      cited_.contains(cited_key(Language::nl, part_lemma));
      }
    }
    count(tally, document, document.tokens()[i].begin, detail::lower_case(word, Language::nl));
  }

  // Whether a word (by its lemma, or a part of it when it is a compound) is legal vocabulary.
  bool legal_word(const Document& document, const std::string& lemma) const {
    if (in_vocabulary(lemma))
      return true;
    if (document.language() != Language::nl)
      return false;
    const auto split = text::split_compound(lemma, Language::nl);
    return split && std::any_of(split->parts.begin(), split->parts.end(),
                                [&](const std::string& part) { return in_vocabulary(part); });
  }

  void add_phrases(const Document& document, const std::vector<std::string>& lemmas,
                   const std::vector<bool>& usable) {
    const auto& tokens = document.tokens();
    for (std::size_t start = 0; start < tokens.size(); ++start) {
      if (!usable[start] || is_stop_word(document.key(start)))
        continue;
      std::string key = lemmas[start];
      bool legal = legal_word(document, lemmas[start]);
      bool all_names = detail::starts_upper(tokens[start].text);
      for (std::size_t end = start + 1;
           end < tokens.size() && end - start < options_.max_phrase_words; ++end) {
        if (!usable[end] || (is_stop_word(document.key(end)) && !is_inner_word(document.key(end))))
          break;
        const std::string_view gap = document.gap_before(end);
        if (std::count(gap.begin(), gap.end(), '\n') > 1)
          break;
        key += ' ';
        key += lemmas[end];
        all_names = all_names && detail::starts_upper(tokens[end].text);
        if (!is_stop_word(document.key(end)))
          legal = legal || legal_word(document, lemmas[end]);
        if (is_stop_word(document.key(end)) || all_names)
          continue;
        auto [slot, created] =
            tallies_.try_emplace(tally_key(document.language(), CandidateKind::phrase, key));
        Tally& tally = slot->second;
        if (created) {
          tally.kind = CandidateKind::phrase;
          tally.language = document.language();
          tally.lemma = key;
          tally.words = end - start + 1;
        }
        tally.legal = tally.legal || legal;
        std::string form = document.span_text(start, end);
        count(tally, document, tokens[start].begin, detail::lower_case(form, document.language()));
      }
    }
  }
};

}  // namespace

std::span<const std::string_view> default_legal_vocabulary() {
  return kLegalVocabulary;
}

std::string_view to_string(CandidateKind kind) {
  return kind == CandidateKind::compound ? "compound" : "phrase";
}

std::vector<TermCandidate> find_term_candidates(std::span<const SourceText> sources,
                                                const ExtractOptions& options) {
  CandidateFinder finder(options);
  for (const SourceText& source : sources)
    finder.add(source);
  return finder.result();
}

}  // namespace tolk::curation
