#include "text_commands.hpp"

#include <iostream>
#include <memory>

#include "command_support.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "messages.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::cli {
namespace {

using nlohmann::json;

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string_view kind_name(text::TokenKind kind) {
  switch (kind) {
    case text::TokenKind::word:
      return "word";
    case text::TokenKind::number:
      return "number";
    case text::TokenKind::punctuation:
      return "punctuation";
    case text::TokenKind::symbol:
      return "symbol";
  }
  return "?";
}

struct WordsToAnalyse {
  text::Language language;
  std::vector<std::string> words;
};

// Words from the command line, or else the words of the input text, and their language.
WordsToAnalyse words_to_analyse(const std::vector<std::string>& given,
                                const std::string& input_path, const std::string& language_option) {
  if (!given.empty()) {
    std::string sample;
    for (const std::string& word : given) {
      text::validate_utf8(word, "argument '" + word + "'");
      sample += word + ' ';
    }
    return {resolve_language(language_option, sample), given};
  }
  const InputText input = read_input(input_path);
  WordsToAnalyse result{resolve_language(language_option, input.bytes), {}};
  for (const text::Token& token : text::tokenize(input.bytes, result.language)) {
    if (token.kind == text::TokenKind::word)
      result.words.emplace_back(token.text);
  }
  return result;
}

struct NormalizeOptions {
  std::string input = "-";
  std::string form = "key";
  std::string language;
  bool json = false;
};

int run_normalize(const NormalizeOptions& options) {
  const InputText input = read_input(options.input);
  // The search key does not depend on the language today; Latin text is keyed as Dutch.
  const text::Language language =
      options.language == "auto"
          ? (text::has_cyrillic(input.bytes) ? text::Language::ru : text::Language::nl)
          : text::require_language(options.language);
  json lines = json::array();
  std::size_t number = 0;
  for (const std::string_view line : text::split_lines(input.bytes)) {
    ++number;
    std::string result;
    if (options.form == "nfc") {
      result = text::to_nfc(line);
    } else if (options.form == "punct") {
      result = text::unify_punctuation(line);
    } else {
      result = text::search_key(line, language);
    }
    if (options.json) {
      lines.push_back({{"line", number}, {"text", line}, {"result", result}});
    } else {
      std::cout << result << '\n';
    }
  }
  if (options.json) {
    print_json({{"input", input.name},
                {"form", options.form},
                {"language", text::language_code(language)},
                {"lines", lines}});
  }
  return kSuccess;
}

struct TranslitOptions {
  std::string input = "-";
  std::string target = "latin";
  std::string scheme = "bgn";
  bool json = false;
};

int run_translit(const TranslitOptions& options) {
  const InputText input = read_input(options.input);
  const auto scheme =
      options.scheme == "scholarly" ? text::LatinScheme::scholarly : text::LatinScheme::bgn_pcgn;
  json lines = json::array();
  std::size_t number = 0;
  for (const std::string_view line : text::split_lines(input.bytes)) {
    ++number;
    if (options.json) {
      json entry = {{"line", number},
                    {"text", line},
                    {"bgn_pcgn", text::cyrillic_to_latin(line, text::LatinScheme::bgn_pcgn)},
                    {"scholarly", text::cyrillic_to_latin(line, text::LatinScheme::scholarly)},
                    {"key", text::translit_key(line)}};
      if (!text::has_cyrillic(line))
        entry["cyrillic"] = text::latin_to_cyrillic(line);
      lines.push_back(std::move(entry));
      continue;
    }
    if (options.target == "cyrillic") {
      std::cout << text::latin_to_cyrillic(line) << '\n';
    } else if (options.target == "key") {
      std::cout << text::translit_key(line) << '\n';
    } else {
      std::cout << text::cyrillic_to_latin(line, scheme) << '\n';
    }
  }
  if (options.json)
    print_json({{"input", input.name}, {"lines", lines}});
  return kSuccess;
}

struct SegmentOptions {
  std::string input = "-";
  std::string language;
  bool words = false;
  bool keep_punctuation = false;
  bool hard_lines = false;
  bool json = false;
};

int run_segment(const SegmentOptions& options) {
  const InputText input = read_input(options.input);
  const text::Language language = resolve_language(options.language, input.bytes);
  json items = json::array();
  if (options.words) {
    const auto punctuation =
        options.keep_punctuation ? text::Punctuation::keep : text::Punctuation::drop;
    for (const text::Token& token : text::tokenize(input.bytes, language, punctuation)) {
      if (options.json) {
        items.push_back({{"text", token.text},
                         {"kind", kind_name(token.kind)},
                         {"begin", token.begin},
                         {"end", token.end},
                         {"line", line_of(input.bytes, token.begin)}});
      } else {
        std::cout << token.begin << '-' << token.end << '\t' << kind_name(token.kind) << '\t'
                  << token.text << '\n';
      }
    }
  } else {
    const text::SentenceOptions sentence_options{.lines_are_wrapped = !options.hard_lines};
    std::size_t index = 0;
    for (const text::Sentence& sentence :
         text::split_sentences(input.bytes, language, sentence_options)) {
      ++index;
      const std::size_t line = line_of(input.bytes, sentence.begin);
      const std::string flat = text::collapse_white_space(sentence.text);
      if (options.json) {
        items.push_back({{"index", index},
                         {"line", line},
                         {"begin", sentence.begin},
                         {"end", sentence.end},
                         {"text", flat}});
      } else {
        std::cout << line << '\t' << flat << '\n';
      }
    }
  }
  if (options.json) {
    print_json({{"input", input.name},
                {"language", text::language_code(language)},
                {options.words ? "tokens" : "sentences", items}});
  }
  return kSuccess;
}

struct StemOptions {
  std::vector<std::string> words;
  std::string input = "-";
  std::string language;
  bool json = false;
};

int run_stem(const StemOptions& options) {
  const auto [language, words] = words_to_analyse(options.words, options.input, options.language);
  const text::Dictionary& dictionary = text::Dictionary::for_language(language);
  json results = json::array();
  for (const std::string& word : words) {
    const std::vector<std::string> found = dictionary.stems(word);
    if (options.json) {
      results.push_back({{"word", word},
                         {"stems", found},
                         {"lemma", dictionary.lemma(word)},
                         {"known", !found.empty()}});
      continue;
    }
    std::cout << word << '\t';
    if (found.empty()) {
      std::cout << '(' << tr("unknown") << ')';
    }
    for (std::size_t i = 0; i < found.size(); ++i)
      std::cout << (i ? ", " : "") << found[i];
    std::cout << '\n';
  }
  if (options.json) {
    print_json({{"language", text::language_code(language)}, {"words", results}});
  }
  return kSuccess;
}

struct SplitOptions {
  std::vector<std::string> words;
  std::string input = "-";
  std::string language = "nl";
  bool json = false;
};

int run_split(const SplitOptions& options) {
  const auto [language, words] = words_to_analyse(options.words, options.input, options.language);
  const text::Dictionary& dictionary = text::Dictionary::for_language(language);
  json results = json::array();
  for (const std::string& word : words) {
    const auto split = dictionary.split_compound(word);
    if (options.json) {
      json entry = {{"word", word}, {"compound", split.has_value()}};
      if (split) {
        entry["parts"] = split->parts;
        entry["linker"] = split->linker;
        entry["head_lemma"] = dictionary.lemma(split->parts.back());
      }
      results.push_back(std::move(entry));
      continue;
    }
    std::cout << word << '\t';
    if (!split) {
      std::cout << '(' << tr("not a compound") << ")\n";
      continue;
    }
    for (std::size_t i = 0; i < split->parts.size(); ++i) {
      std::cout << (i ? " + " : "") << split->parts[i];
    }
    if (!split->linker.empty())
      std::cout << "\t(" << tr("linker") << ": " << split->linker << ')';
    std::cout << '\n';
  }
  if (options.json) {
    print_json({{"language", text::language_code(language)}, {"words", results}});
  }
  return kSuccess;
}

}  // namespace

void add_text_commands(CLI::App& app, int& exit_code) {
  CLI::App* text_command = app.add_subcommand(
      "text", tr("Show the text layer: normalise, transliterate, segment, stem, split"));
  text_command->require_subcommand(1);

  auto normalize = std::make_shared<NormalizeOptions>();
  CLI::App* normalize_command = text_command->add_subcommand(
      "normalize", tr("Print each line as NFC, as its search key, or with punctuation unified"));
  normalize_command->add_option("input", normalize->input,
                                tr("Text file, or - for standard input"));
  normalize_command->add_option("--form", normalize->form, tr("key (default), nfc or punct"))
      ->check(CLI::IsMember({"key", "nfc", "punct"}));
  add_language_option(*normalize_command, normalize->language);
  normalize_command->add_flag("--json", normalize->json, tr("Print JSON"));
  normalize_command->callback([normalize, &exit_code] { exit_code = run_normalize(*normalize); });

  auto translit = std::make_shared<TranslitOptions>();
  CLI::App* translit_command = text_command->add_subcommand(
      "translit", tr("Transliterate each line between Cyrillic and Latin, or print its match key"));
  translit_command->add_option("input", translit->input, tr("Text file, or - for standard input"));
  translit_command
      ->add_option("--to", translit->target,
                   tr("latin (default), cyrillic, or key (the matching skeleton)"))
      ->check(CLI::IsMember({"latin", "cyrillic", "key"}));
  translit_command
      ->add_option("--scheme", translit->scheme,
                   tr("Latin scheme: bgn (BGN/PCGN, default) or scholarly (ISO 9)"))
      ->check(CLI::IsMember({"bgn", "scholarly"}));
  translit_command->add_flag("--json", translit->json,
                             tr("Print JSON with every scheme and the key"));
  translit_command->callback([translit, &exit_code] { exit_code = run_translit(*translit); });

  auto segment = std::make_shared<SegmentOptions>();
  CLI::App* segment_command = text_command->add_subcommand(
      "segment", tr("Split text into sentences (default) or words, with line numbers and offsets"));
  segment_command->add_option("input", segment->input, tr("Text file, or - for standard input"));
  add_language_option(*segment_command, segment->language);
  segment_command->add_flag("-w,--words", segment->words,
                            tr("Print word tokens with byte offsets"));
  segment_command->add_flag("--keep-punctuation", segment->keep_punctuation,
                            tr("With --words: print punctuation and symbol tokens too"));
  segment_command->add_flag("--hard-lines", segment->hard_lines,
                            tr("Every line break ends a sentence (default: only empty lines do)"));
  segment_command->add_flag("--json", segment->json, tr("Print JSON"));
  segment_command->callback([segment, &exit_code] { exit_code = run_segment(*segment); });

  auto stem = std::make_shared<StemOptions>();
  CLI::App* stem_command = text_command->add_subcommand(
      "stem", tr("Print the Hunspell lemmas of words given as arguments or read from --input"));
  stem_command->add_option("words", stem->words, tr("Words to analyse"));
  stem_command->add_option("-i,--input", stem->input,
                           tr("Text file whose words to analyse (- for standard input)"));
  add_language_option(*stem_command, stem->language);
  stem_command->add_flag("--json", stem->json, tr("Print JSON"));
  stem_command->callback([stem, &exit_code] { exit_code = run_stem(*stem); });

  auto split = std::make_shared<SplitOptions>();
  CLI::App* split_command = text_command->add_subcommand(
      "split", tr("Split Dutch compounds into modifier and head with the dictionary"));
  split_command->add_option("words", split->words, tr("Words to split"));
  split_command->add_option("-i,--input", split->input,
                            tr("Text file whose words to split (- for standard input)"));
  split_command->add_option("-l,--lang", split->language,
                            tr("Language (only nl has compounds split)"));
  split_command->add_flag("--json", split->json, tr("Print JSON"));
  split_command->callback([split, &exit_code] { exit_code = run_split(*split); });
}

}  // namespace tolk::cli
