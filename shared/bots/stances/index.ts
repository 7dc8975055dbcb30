import type { StanceId } from "../../rules/vocabulary.ts";
import type { StanceProfile } from "../profile.ts";
import { allianceBuilder } from "./alliance-builder.ts";
import { burdenShifter } from "./burden-shifter.ts";
import { conservative } from "./conservative.ts";
import { hawkish } from "./hawkish.ts";
import { mainstream } from "./mainstream.ts";
import { progressive } from "./progressive.ts";

/** Every bot stance by id (the ids are the rules' StanceId). */
export const STANCE_PROFILES: Record<StanceId, StanceProfile> = {
  conservative,
  progressive,
  mainstream,
  hawkish,
  "alliance-builder": allianceBuilder,
  "burden-shifter": burdenShifter,
};
