// The HTTP server's request handling (security rules, routing, target decoding, JSON bodies,
// every endpoint) without sockets, over a workspace holding the shipped glossary and a small TM.
// The input is a request as text: "METHOD TARGET" on the first line, "Name: value" header lines,
// an empty line, the body. A Host header naming the server is added when the input has none, so
// that requests get past the Host check to the handlers.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "fuzz_input.hpp"
#include "tolk/http/service.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace {

constexpr int kPort = 8377;

const tolk::http::Service& service() {
  static const tolk::http::Service instance = [] {
    const auto directory =
        std::filesystem::temp_directory_path() / ("tolk-fuzz-http-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory);
    const auto workspace = tolk::store::Workspace::create_or_open(directory, "tolk fuzz");
    auto termbase = tolk::termbase::Termbase::open(workspace.termbase_directory("legal"), true);
    termbase.put(tolk::termbase::read_glossary_json(TOLK_GLOSSARY).concepts);
    auto memory =
        tolk::tm::TranslationMemory::open(workspace.translation_memory_directory("legal"), true);
    tolk::tm::TranslationUnit unit;
    unit.source_language = "nl";
    tolk::tm::Variant dutch;
    dutch.language = "nl";
    dutch.segment.text = "Desertie (artikel 338 WvS) wordt bestraft.";
    tolk::tm::Variant english;
    english.language = "en";
    english.segment.text = "Desertion (Article 338 of the Criminal Code) is punished.";
    unit.variants = {dutch, english};
    memory.add(std::span(&unit, 1));
    tolk::http::ServiceOptions options;
    options.data_directory = directory;
    options.port = kPort;
    return tolk::http::Service(options);
  }();
  return instance;
}

tolk::http::Request parse_request(std::string_view text) {
  tolk::http::Request request;
  const auto line_end = text.find('\n');
  std::string_view line = text.substr(0, line_end);
  text = line_end == std::string_view::npos ? std::string_view() : text.substr(line_end + 1);
  const auto space = line.find(' ');
  request.method = std::string(line.substr(0, space));
  request.target = space == std::string_view::npos ? "/" : std::string(line.substr(space + 1));
  bool host = false;
  while (!text.empty()) {
    const auto end = text.find('\n');
    line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty())
      break;
    const auto colon = line.find(':');
    std::string name(line.substr(0, colon));
    std::string value(colon == std::string_view::npos ? "" : line.substr(colon + 1));
    while (!value.empty() && value.front() == ' ')
      value.erase(0, 1);
    host = host || name == "Host" || name == "host";
    request.headers.emplace_back(std::move(name), std::move(value));
  }
  if (!host)
    request.headers.emplace_back("Host", "127.0.0.1:" + std::to_string(kPort));
  request.body = std::string(text);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto response = service().handle(parse_request(tolk::fuzz::as_view(data, size)));
  // handle() never throws; an unexpected exception becomes a 500, which is a finding here.
  if (response.status == 500)
    std::abort();
  return 0;
}
