package org.sharpeyes.ingest.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GovernanceCsvTest {

  @Test
  void aNameWithACommaOrAQuoteStaysOneCell() {
    assertThat(GovernanceJson.cell("柳湾社区, 第1网格")).isEqualTo("\"柳湾社区, 第1网格\"");
    assertThat(GovernanceJson.cell("the \"new\" grid")).isEqualTo("\"the \"\"new\"\" grid\"");
  }

  @Test
  void aNameThatLooksLikeAFormulaIsWrittenAsTextButNumbersStayNumbers() {
    assertThat(GovernanceJson.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(GovernanceJson.cell(-2)).isEqualTo("-2");
    assertThat(GovernanceJson.cell(null)).isEmpty();
  }

  @Test
  void percentilesAreNearestRank() {
    Percentiles.Values v = new Percentiles.Values();
    for (int s : new int[] {3000, 300, 1200, 600}) {
      v.add(s);
    }
    assertThat(v.percentile(0.5)).isEqualTo(600);
    assertThat(v.percentile(0.9)).isEqualTo(3000);
    Percentiles.Values many = new Percentiles.Values();
    for (int i = 1000; i >= 1; i--) {
      many.add(i);
    }
    assertThat(many.percentile(0.5)).isEqualTo(500);
    assertThat(many.percentile(0.9)).isEqualTo(900);
  }
}
