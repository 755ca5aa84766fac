#include "offers/letter_pdf.h"

#include <algorithm>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

namespace st::offers {
namespace {

constexpr double kPageW = 595.276, kPageH = 841.890;  // A4 in points
constexpr double kMargin = 56.0;
constexpr const char* kFont = "DejaVu Sans";

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Writer {
  cairo_t* cr;
  PangoLayout* layout;
  double y = kMargin;

  void NewPageIfNeeded(double height) {
    if (y + height <= kPageH - kMargin) return;
    cairo_show_page(cr);
    y = kMargin;
  }

  // Lays out `markup` at x with `width`; returns its height. Markup that pango
  // refuses (should not happen: the template's text is escaped) falls back to plain text.
  double Measure(const std::string& markup, double size, double width) {
    PangoFontDescription* fd = pango_font_description_from_string(kFont);
    pango_font_description_set_size(fd, static_cast<int>(size * PANGO_SCALE));
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    if (!pango_parse_markup(markup.c_str(), -1, 0, nullptr, nullptr, nullptr, nullptr))
      pango_layout_set_text(layout, markup.c_str(), -1);
    else
      pango_layout_set_markup(layout, markup.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Draw(double x) {
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
  }
};

}  // namespace

Status CheckPdfFonts() {
  PangoFontMap* map = pango_cairo_font_map_get_default();
  PangoContext* ctx = pango_font_map_create_context(map);
  PangoFontDescription* fd = pango_font_description_from_string(kFont);
  PangoFont* font = pango_font_map_load_font(map, ctx, fd);
  pango_font_description_free(fd);
  g_object_unref(ctx);
  if (font == nullptr)
    return Status::Internal("no font for the offer letter PDF: install fonts-dejavu-core (apt)");
  g_object_unref(font);
  return Status::Ok();
}

Result<std::string> RenderLetterPdf(const std::vector<LetterBlock>& blocks, const std::string& title) {
  ST_RETURN_IF_ERROR(CheckPdfFonts());
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &pdf, kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "superteam");
  cairo_t* cr = cairo_create(surface);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  // pangocairo assumes 96 dpi; a PDF surface is in points.
  pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
  pango_layout_context_changed(layout);
  Writer w{cr, layout};
  const double width = kPageW - 2 * kMargin;
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
  for (size_t i = 0; i < blocks.size(); ++i) {
    const LetterBlock& b = blocks[i];
    switch (b.kind) {
      case LetterBlock::Kind::kHeading: {
        const double size = b.level == 1 ? 17 : 12.5;
        const double h = w.Measure("<b>" + b.cells[0] + "</b>", size, width);
        w.y += b.level == 1 ? 0 : 8;
        w.NewPageIfNeeded(h + 20);
        w.Measure("<b>" + b.cells[0] + "</b>", size, width);
        w.Draw(kMargin);
        w.y += h + 6;
        break;
      }
      case LetterBlock::Kind::kParagraph:
      case LetterBlock::Kind::kListItem: {
        const bool li = b.kind == LetterBlock::Kind::kListItem;
        const double indent = li ? 14 : 0;
        const double h = w.Measure(b.cells[0], 10, width - indent);
        w.NewPageIfNeeded(h);
        if (li) {
          w.Draw(kMargin + indent);
          w.Measure("•", 10, indent);
          w.Draw(kMargin + 2);
        } else {
          w.Draw(kMargin);
        }
        w.y += h + (li ? 3 : 7);
        break;
      }
      case LetterBlock::Kind::kTableRow: {
        // Columns: the first narrow (year), dates medium, money wide and right-aligned.
        const size_t n = b.cells.size();
        std::vector<double> col(n, width / static_cast<double>(std::max<size_t>(n, 1)));
        if (n == 6) col = {36, 72, 72, 92, 109, width - 381};
        double x = kMargin, row_h = 0;
        for (size_t k = 0; k < n; ++k) {
          const std::string m = b.header ? "<b>" + b.cells[k] + "</b>" : b.cells[k];
          row_h = std::max(row_h, w.Measure(m, 9, col[k] - 4));
        }
        w.NewPageIfNeeded(row_h + 4);
        for (size_t k = 0; k < n; ++k) {
          const std::string m = b.header ? "<b>" + b.cells[k] + "</b>" : b.cells[k];
          w.Measure(m, 9, col[k] - 4);
          pango_layout_set_alignment(layout, k >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          w.Draw(x);
          pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
          x += col[k];
        }
        w.y += row_h + 3;
        cairo_set_line_width(cr, b.header ? 0.8 : 0.3);
        cairo_move_to(cr, kMargin, w.y);
        cairo_line_to(cr, kMargin + width, w.y);
        cairo_stroke(cr);
        w.y += 3;
        if (i + 1 == blocks.size() || blocks[i + 1].kind != LetterBlock::Kind::kTableRow) w.y += 6;
        break;
      }
      case LetterBlock::Kind::kRule:
        w.NewPageIfNeeded(10);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, kMargin, w.y + 4);
        cairo_line_to(cr, kMargin + width, w.y + 4);
        cairo_stroke(cr);
        w.y += 10;
        break;
    }
  }
  g_object_unref(layout);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Status::Internal(std::string("PDF rendering failed: ") + cairo_status_to_string(st));
  return pdf;
}

}  // namespace st::offers
