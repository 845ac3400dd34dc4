#include "unit_codec.hpp"

#include <cstdint>

#include "tolk/store/record.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace tolk::tm::codec {
namespace {

constexpr std::uint64_t kVersion = 1;

void write_properties(store::RecordWriter& writer, const std::vector<Property>& properties) {
  writer.number(properties.size());
  for (const Property& property : properties) {
    writer.text(property.type);
    writer.text(property.value);
  }
}

std::vector<Property> read_properties(store::RecordReader& reader) {
  std::vector<Property> properties(reader.count());
  for (Property& property : properties) {
    property.type = reader.text();
    property.value = reader.text();
  }
  return properties;
}

void write_texts(store::RecordWriter& writer, const std::vector<std::string>& texts) {
  writer.number(texts.size());
  for (const std::string& text : texts)
    writer.text(text);
}

std::vector<std::string> read_texts(store::RecordReader& reader) {
  std::vector<std::string> texts(reader.count());
  for (std::string& text : texts)
    text = reader.text();
  return texts;
}

}  // namespace

std::string encode(const TranslationUnit& unit) {
  store::RecordWriter writer;
  writer.number(kVersion);
  writer.text(unit.tuid);
  writer.text(unit.source_language);
  writer.text(unit.creation_date);
  writer.text(unit.creation_user);
  writer.text(unit.change_date);
  writer.text(unit.change_user);
  writer.text(unit.context);
  writer.text(unit.origin_file);
  writer.number(unit.origin_line);
  write_properties(writer, unit.properties);
  write_texts(writer, unit.notes);
  writer.number(unit.variants.size());
  for (const Variant& variant : unit.variants) {
    writer.text(variant.language);
    writer.text(variant.segment.text);
    writer.number(variant.segment.tags.size());
    for (const InlineTag& tag : variant.segment.tags) {
      writer.enumeration(tag.kind);
      writer.number(tag.position);
      writer.text(tag.markup);
    }
    write_properties(writer, variant.properties);
    write_texts(writer, variant.notes);
    writer.text(variant.creation_date);
    writer.text(variant.creation_user);
    writer.text(variant.change_date);
    writer.text(variant.change_user);
  }
  return writer.take();
}

TranslationUnit decode(std::string_view bytes) try {
  store::RecordReader reader(bytes, "unit record");
  if (reader.number() != kVersion)
    throw TranslationMemoryError("unit record of an unknown version");
  TranslationUnit unit;
  unit.tuid = reader.text();
  unit.source_language = reader.text();
  unit.creation_date = reader.text();
  unit.creation_user = reader.text();
  unit.change_date = reader.text();
  unit.change_user = reader.text();
  unit.context = reader.text();
  unit.origin_file = reader.text();
  unit.origin_line = static_cast<std::size_t>(reader.number());
  unit.properties = read_properties(reader);
  unit.notes = read_texts(reader);
  unit.variants.resize(reader.count());
  for (Variant& variant : unit.variants) {
    variant.language = reader.text();
    variant.segment.text = reader.text();
    variant.segment.tags.resize(reader.count());
    for (InlineTag& tag : variant.segment.tags) {
      tag.kind = reader.enumeration<InlineTag::Kind>();
      tag.position = static_cast<std::size_t>(reader.number());
      tag.markup = reader.text();
    }
    variant.properties = read_properties(reader);
    variant.notes = read_texts(reader);
    variant.creation_date = reader.text();
    variant.creation_user = reader.text();
    variant.change_date = reader.text();
    variant.change_user = reader.text();
  }
  return unit;
} catch (const store::CorruptRecordError& error) {
  throw TranslationMemoryError(error.what());
}

}  // namespace tolk::tm::codec
