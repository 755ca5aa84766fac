#include "cli/table_cell.h"

#include <gtest/gtest.h>

namespace st::cli {
namespace {

TEST(TableCellTest, WidthsCountCodePointsAndCutsKeepCharactersWhole) {
  EXPECT_EQ(CodePoints("Théo Schäfer"), 12u);
  EXPECT_EQ(Cell("Théo", 6), "Théo  ");
  EXPECT_EQ(Cell("Ann", 3), "Ann");
  EXPECT_EQ(Clip("Université de Montréal", 10), "Universit~");
  EXPECT_EQ(Clip("ééééé", 3), "éé~");  // never half of a two-byte character
  EXPECT_EQ(CodePoints(Cell("Massachusetts Institute of Technology", 34)), 34u);
  EXPECT_EQ(Cell("", 2), "  ");
}

}  // namespace
}  // namespace st::cli
