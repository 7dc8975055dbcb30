import { describe, expect, test } from "vitest";
import { table } from "../../tests/support/scenario.ts";
import { INSTITUTIONS, INSTITUTION_IDS } from "./institutions.ts";
import { strainedPair, strainLine } from "./strain.ts";
import { PAIRS, pairsAmong, type Pair } from "./vocabulary.ts";

const trustAt = (value: number): Record<Pair, number> => Object.fromEntries(PAIRS.map((p) => [p, value])) as Record<Pair, number>;

describe("§4.5 the strain test", () => {
  test.each(INSTITUTION_IDS)("%s: a member pair one point below its line is found, at the line nothing is", (id) => {
    const line = strainLine(id);
    if (INSTITUTIONS[id].groundwork) {
      expect(line).toBeNull();
      expect(strainedPair(trustAt(0), id)).toBeNull();
      return;
    }
    expect(line).not.toBeNull();
    expect(strainedPair(trustAt(line!), id)).toBeNull();
    const [first] = pairsAmong(INSTITUTIONS[id].members);
    expect(strainedPair({ ...trustAt(100), [first!]: line! - 1 }, id)).toBe(first);
  });

  test("what it finds is what the resolution suspends: GSOMIA at Seoul–Tokyo 34 goes, missile-warning sharing at 34 holds", () => {
    const low = { ...trustAt(70), "seoul-tokyo": 34 };
    expect(strainedPair(low, "gsomia")).toBe("seoul-tokyo");
    expect(strainedPair(low, "missile-warning-sharing")).toBeNull();
    const bilateral = table().withTrust("seoul-tokyo", 34).withInstitution("gsomia").start();
    bilateral.playRound();
    expect(bilateral.state.institutions.gsomia?.status).toBe("suspended");
    const trilateral = table().withTrust("seoul-tokyo", 34).withInstitution("missile-warning-sharing").start();
    trilateral.playRound();
    expect(trilateral.state.institutions["missile-warning-sharing"]?.status).toBe("in-force");
  });
});
