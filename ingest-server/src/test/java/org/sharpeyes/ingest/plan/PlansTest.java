package org.sharpeyes.ingest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.RuleIds;

/** plans.yaml: the demo city's plans, and what a reload of a good or a bad file does. */
class PlansTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
  private static final String GOOD =
      "plans:\n  door-held:\n    title: 门长时间未关 — door held open\n    steps:\n"
          + "      - 查看视频 — view the video\n      - 联系现场关门 — ask someone to close it\n";

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void theDemoCityHasAPlanOfThreeToSixStepsForEveryRule() {
    Plans plans = new Plans(DemoCity.DIR, CLOCK, registry);

    assertThat(plans.current().plans().keySet()).containsExactlyInAnyOrderElementsOf(RuleIds.ALL);
    plans
        .current()
        .plans()
        .values()
        .forEach(
            p -> {
              assertThat(p.title()).isNotBlank();
              assertThat(p.steps()).hasSizeBetween(3, 6);
            });
  }

  @Test
  void aBadFileChangesNothingAndListsEveryProblemAtItsPath() throws IOException {
    write(GOOD);
    Plans plans = new Plans(dir, CLOCK, registry);
    PlanBook before = plans.current();

    write(
        "plans:\n  door-held:\n    steps: []\n  door-helt:\n    title: x\n    steps: [a]\n"
            + "  plate-hotlist:\n    title: t\n    steps:\n      - ok\n      - \"\"\n    colour: red\n");
    ConfigResult<PlanBook> r = plans.reload();

    assertThat(r).isInstanceOf(ConfigResult.Failure.class);
    assertThat(((ConfigResult.Failure<PlanBook>) r).problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "plans.door-held.title",
            "plans.door-held.steps",
            "plans.door-helt",
            "plans.plate-hotlist.steps[1]",
            "plans.plate-hotlist.colour");
    assertThat(plans.current()).isSameAs(before);
    assertThat(registry.get("sharpeyes.plan.reloads").tag("outcome", "refused").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aGoodFileIsPutInForceWholeWithANewVersion() throws IOException {
    write(GOOD);
    Plans plans = new Plans(dir, CLOCK, registry);
    String first = plans.current().version();

    write(
        GOOD.replace("view the video", "watch the live video")
            + "  door-forced:\n    title: 强行开门 — door forced\n    steps: [查看视频, 派安保]\n");
    assertThat(plans.reload()).isInstanceOf(ConfigResult.Success.class);

    assertThat(plans.current().version()).isNotEqualTo(first);
    assertThat(plans.current().plans()).containsKeys("door-held", "door-forced");
    assertThat(plans.current().forRule("door-held").orElseThrow().steps().get(0))
        .contains("watch the live video");
  }

  private void write(String text) throws IOException {
    Files.writeString(dir.resolve("plans.yaml"), text);
  }
}
