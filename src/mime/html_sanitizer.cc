#include "mime/html_sanitizer.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace mailtrail::mime {
namespace {

constexpr std::array kKeptTags = {
    GUMBO_TAG_A,     GUMBO_TAG_ABBR,  GUMBO_TAG_B,      GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BR,    GUMBO_TAG_CAPTION,
    GUMBO_TAG_CENTER, GUMBO_TAG_CODE, GUMBO_TAG_COL,    GUMBO_TAG_COLGROUP,  GUMBO_TAG_DD,    GUMBO_TAG_DEL,
    GUMBO_TAG_DIV,   GUMBO_TAG_DL,    GUMBO_TAG_DT,     GUMBO_TAG_EM,        GUMBO_TAG_FONT,  GUMBO_TAG_H1,
    GUMBO_TAG_H2,    GUMBO_TAG_H3,    GUMBO_TAG_H4,     GUMBO_TAG_H5,        GUMBO_TAG_H6,    GUMBO_TAG_HR,
    GUMBO_TAG_I,     GUMBO_TAG_IMG,   GUMBO_TAG_INS,    GUMBO_TAG_LI,        GUMBO_TAG_OL,    GUMBO_TAG_P,
    GUMBO_TAG_PRE,   GUMBO_TAG_Q,     GUMBO_TAG_S,      GUMBO_TAG_SMALL,     GUMBO_TAG_SPAN,  GUMBO_TAG_STRIKE,
    GUMBO_TAG_STRONG, GUMBO_TAG_SUB,  GUMBO_TAG_SUP,    GUMBO_TAG_TABLE,     GUMBO_TAG_TBODY, GUMBO_TAG_TD,
    GUMBO_TAG_TFOOT, GUMBO_TAG_TH,    GUMBO_TAG_THEAD,  GUMBO_TAG_TR,        GUMBO_TAG_TT,    GUMBO_TAG_U,
    GUMBO_TAG_UL,
};

// Dropped with everything inside: code, styles, documents within documents,
// forms, and what a browser would render outside the HTML namespace.
constexpr std::array kDroppedTags = {
    GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,  GUMBO_TAG_HEAD,     GUMBO_TAG_TITLE,  GUMBO_TAG_IFRAME,
    GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET, GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED,  GUMBO_TAG_APPLET,
    GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_FORM,   GUMBO_TAG_INPUT,  GUMBO_TAG_BUTTON,
    GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_SVG,    GUMBO_TAG_MATH,   GUMBO_TAG_LINK,
    GUMBO_TAG_META,     GUMBO_TAG_BASE,   GUMBO_TAG_AUDIO,    GUMBO_TAG_VIDEO,  GUMBO_TAG_CANVAS,
    GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,  GUMBO_TAG_PARAM,    GUMBO_TAG_MENU,
};

constexpr std::array<std::string_view, 13> kKeptAttributes = {
    "align", "valign", "width", "height", "colspan", "rowspan", "border",
    "cellpadding", "cellspacing", "color", "size", "title", "alt",
};

template <typename List, typename T>
bool Contains(const List& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void Escape(std::string_view text, bool in_attribute, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += in_attribute ? "&quot;" : "\""; break;
      default: out += c;
    }
  }
}

// The URL's scheme in lower case, as a browser finds it: leading spaces and
// control characters skipped, tabs and line breaks inside ignored.
std::string SchemeOf(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 && scheme.empty()) continue;
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') return scheme;
    if (!std::isalnum(byte) && c != '+' && c != '-' && c != '.') return "";
    scheme += static_cast<char>(std::tolower(byte));
  }
  return "";  // relative: nothing of ours to resolve it against
}

class Sanitizer {
 public:
  explicit Sanitizer(bool allow_remote_images) : allow_remote_images_(allow_remote_images) {}

  void Node(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: Escape(node->v.text.text, false, result_.html); break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: Element(&node->v.element); break;
      case GUMBO_NODE_DOCUMENT: Children(&node->v.document.children); break;
      case GUMBO_NODE_COMMENT: break;
    }
  }

  SanitizedHtml Take() { return std::move(result_); }

 private:
  void Children(const GumboVector* children) {
    for (unsigned i = 0; i < children->length; ++i) Node(static_cast<const GumboNode*>(children->data[i]));
  }

  void Element(const GumboElement* element) {
    if (element->tag_namespace != GUMBO_NAMESPACE_HTML || Contains(kDroppedTags, element->tag)) return;
    if (!Contains(kKeptTags, element->tag)) {
      Children(&element->children);  // html, body, unknown tags: their content only
      return;
    }
    const std::string_view name = gumbo_normalized_tagname(element->tag);
    std::string& out = result_.html;
    out += '<';
    out += name;
    Attributes(element);
    out += '>';
    if (element->tag == GUMBO_TAG_BR || element->tag == GUMBO_TAG_HR || element->tag == GUMBO_TAG_IMG ||
        element->tag == GUMBO_TAG_COL) {
      return;  // void elements
    }
    Children(&element->children);
    out += "</";
    out += name;
    out += '>';
  }

  void Attribute(std::string_view name, std::string_view value) {
    std::string& out = result_.html;
    out += ' ';
    out += name;
    out += "=\"";
    Escape(value, true, out);
    out += '"';
  }

  void Attributes(const GumboElement* element) {
    for (unsigned i = 0; i < element->attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element->attributes.data[i]);
      const std::string_view name = attribute->name;  // gumbo gives it in lower case
      const std::string_view value = attribute->value;
      if (element->tag == GUMBO_TAG_A && name == "href") {
        const std::string scheme = SchemeOf(value);
        if (scheme == "http" || scheme == "https" || scheme == "mailto") Attribute("href", value);
      } else if (element->tag == GUMBO_TAG_IMG && name == "src") {
        const std::string scheme = SchemeOf(value);
        if (scheme != "http" && scheme != "https") continue;  // cid:, data:, javascript:: nothing to load
        if (allow_remote_images_) {
          Attribute("src", value);
        } else {
          ++result_.blocked_images;
          Attribute("data-blocked-src", value);
        }
      } else if (Contains(kKeptAttributes, name)) {
        Attribute(name, value);
      }
    }
    if (element->tag == GUMBO_TAG_A) {
      Attribute("target", "_blank");
      Attribute("rel", "noopener noreferrer");
    }
    if (element->tag == GUMBO_TAG_IMG) Attribute("referrerpolicy", "no-referrer");
  }

  const bool allow_remote_images_;
  SanitizedHtml result_;
};

struct OutputFree {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

SanitizedHtml SanitizeHtml(std::string_view html, bool allow_remote_images) {
  const std::unique_ptr<GumboOutput, OutputFree> parsed(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  Sanitizer sanitizer(allow_remote_images);
  if (parsed) sanitizer.Node(parsed->document);
  return sanitizer.Take();
}

}  // namespace mailtrail::mime
