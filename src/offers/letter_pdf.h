// The PDF of an offer letter, rendered in-process with cairo + pango (the
// only file that includes them: letter_pdf.cc). A4, DejaVu Sans, the blocks
// of offers::LetterBlocks laid out top to bottom with page breaks; table rows
// as aligned columns. Thread-safe (each call has its own surface; pango's
// font map is shared and thread-safe).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "offers/letter.h"

namespace st::offers {

// kInternal unless pango loads a real font: with none installed cairo still
// writes a PDF, with no text in it (../shared/DEPENDENCIES.md). `serve` calls
// this at start-up and names the package to install (fonts-dejavu-core).
Status CheckPdfFonts();

// The PDF bytes. `title` goes into the document metadata.
Result<std::string> RenderLetterPdf(const std::vector<LetterBlock>& blocks, const std::string& title);

}  // namespace st::offers
