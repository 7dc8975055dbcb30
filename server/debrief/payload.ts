import { loadSeeds } from "../content/fs-load.ts";
import type { SeedRecord } from "../../shared/content/seed-schema.ts";
import { recordFor } from "../../shared/replay/audience.ts";
import { seedsForCards } from "../../shared/replay/citations.ts";
import { anonymousName, DEBRIEF_FORMAT, type DebriefPayload } from "../../shared/replay/payload.ts";
import { NATIONS, type Nation } from "../../shared/rules/vocabulary.ts";
import type { TableContext } from "../rooms/context.ts";
import { recordFromStore } from "../rooms/table/records.ts";
import type { DebriefSettingsStore } from "../storage/debrief-settings.ts";

let seeds: SeedRecord[] | null = null;
const allSeeds = () => (seeds ??= loadSeeds().seeds);

/** The debrief of one table as this reader may see it (access already checked). */
export async function debriefPayload(ctx: TableContext, settings: DebriefSettingsStore, code: string, access: { kind: "instructor" } | { kind: "seat"; nation: Nation }, anonymise: boolean): Promise<DebriefPayload> {
  const [stored, full, seats, withholdSetting, parent] = await Promise.all([
    ctx.store.getTable(code),
    recordFromStore(ctx.store, code),
    ctx.store.seats(code),
    settings.withholdPrivate(code),
    settings.parentOf(code),
  ]);
  if (!stored || !full) throw new Error(`table ${code} is not in the store`);
  const withhold = access.kind === "seat" && withholdSetting;
  const record = recordFor(full, access.kind === "instructor" ? { kind: "instructor" } : { kind: "seat", withholdPrivateChannels: withhold });
  const names = {} as Record<Nation, string>;
  for (const nation of NATIONS) {
    const name = seats.find((s) => s.nation === nation)?.name ?? "";
    names[nation] = anonymise || name === "" ? anonymousName(nation) : name;
  }
  return {
    format: DEBRIEF_FORMAT,
    code,
    status: stored.status,
    access: access.kind,
    seat: access.kind === "seat" ? access.nation : null,
    withheldPrivateChannels: withhold,
    names,
    bots: NATIONS.filter((n) => seats.find((s) => s.nation === n)?.bot || stored.bots[n] !== undefined),
    parent,
    record,
    seeds: seedsForCards(record.deck, allSeeds()),
  };
}
