package org.sharpeyes.ingest.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.config.KeySuggestion;
import org.sharpeyes.ingest.rule.RuleIds;

/**
 * Reads plans.yaml (docs/workflow.md, "Disposal plans"): {@code plans:} maps a rule id to a {@code
 * title} and 1..{@value #MAX_STEPS} {@code steps}. Every problem is reported at its path, e.g.
 * {@code plans.door-held.steps[2]: is empty}. Stateless.
 */
final class PlanFile {

  static final String NAME = "plans.yaml";
  static final int MAX_STEPS = 12;
  static final int MAX_TITLE = 120;
  static final int MAX_STEP = 300;

  private PlanFile() {}

  /** The plans of {@code file}, or every problem in it. */
  static ConfigResult<PlanBook> read(Path file, Instant now) {
    ConfigResult<ConfigTree> tree = ConfigYaml.read(file, ConfigYaml.Limits.DEFAULTS);
    if (tree instanceof ConfigResult.Failure<ConfigTree> f) {
      return f.retype();
    }
    ConfigTree root = ((ConfigResult.Success<ConfigTree>) tree).value();
    String version;
    try {
      version = version(Files.readAllBytes(file));
    } catch (IOException e) {
      return new ConfigResult.Failure<>(
          List.of(ConfigProblem.wholeFile("cannot read the file: " + e.getMessage())));
    }
    return read(root, version, now);
  }

  static ConfigResult<PlanBook> read(ConfigTree root, String version, Instant now) {
    root.allowKeys(List.of("plans"));
    Map<String, Plan> plans = new LinkedHashMap<>();
    if (root.require("plans", "a mapping of rule id to {title, steps}")) {
      ConfigTree all = root.section("plans");
      if (all != null) {
        for (String rule : all.keys()) {
          if (!RuleIds.ALL.contains(rule)) {
            all.problem(rule, "not a rule — " + KeySuggestion.hint(rule, RuleIds.ALL));
            continue;
          }
          Plan plan = plan(all, rule);
          if (plan != null) {
            plans.put(rule, plan);
          }
        }
      }
    }
    return root.result(() -> new PlanBook(plans, version, now));
  }

  private static Plan plan(ConfigTree all, String rule) {
    ConfigTree p = all.section(rule, "a title and steps");
    if (p == null) {
      return null;
    }
    int before = p.problemCount();
    p.allowKeys(List.of("title", "steps"));
    String title = p.text("title", "a short title, e.g. 布控车辆预警处置 — hotlisted vehicle");
    if (title != null && title.length() > MAX_TITLE) {
      p.problem("title", "is " + title.length() + " characters; at most " + MAX_TITLE);
    }
    List<String> steps = new ArrayList<>();
    if (p.require("steps", "a list of 1.." + MAX_STEPS + " steps")) {
      List<String> given = p.texts("steps");
      if (given != null) {
        steps.addAll(given);
        if (given.isEmpty() || given.size() > MAX_STEPS) {
          p.problem("steps", "has " + given.size() + " steps; write 1.." + MAX_STEPS);
        }
        for (int i = 0; i < given.size(); i++) {
          if (given.get(i).length() > MAX_STEP) {
            p.problem(
                "steps[" + i + "]",
                "is " + given.get(i).length() + " characters; at most " + MAX_STEP);
          }
        }
      }
    }
    return p.problemCount() == before ? new Plan(rule, title, steps) : null;
  }

  static String version(byte[] bytes) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(sha).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
