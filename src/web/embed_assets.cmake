# Writes OUTPUT, a C++ file holding every file of ASSETS (paths separated by |) as a
# byte array, for web/static_assets.cc: the binary serves its pages with no file
# beside it. Run by the build (cmake -P) whenever an asset changes.
string(REPLACE "|" ";" ASSETS "${ASSETS}")
set(arrays "")
set(table "")
set(index 0)
foreach(asset IN LISTS ASSETS)
  get_filename_component(name "${asset}" NAME)
  file(READ "${asset}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND arrays "constexpr unsigned char kAsset${index}[] = {${bytes}};\n")
  string(APPEND table "    {\"/${name}\", {reinterpret_cast<const char*>(kAsset${index}), ${size}}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from src/web/assets by embed_assets.cmake; do not edit.\n"
  "#include \"web/static_assets.h\"\n\n"
  "namespace mailtrail::web {\nnamespace {\n${arrays}}  // namespace\n\n"
  "const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedAssets() {\n"
  "  static const std::vector<std::pair<std::string_view, std::string_view>> kAssets = {\n${table}  };\n"
  "  return kAssets;\n}\n\n}  // namespace mailtrail::web\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
