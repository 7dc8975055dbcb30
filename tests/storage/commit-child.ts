/**
 * The process that gets killed: opens the storage named in argv[2] (StorageOptions as JSON) and
 * commits commands to table argv[3] one after another for ever, printing each seq once its
 * commit has resolved (that is the acknowledgement the parent counts).
 */
import { openStorage, type StorageOptions } from "../../server/storage/open.ts";

const options = JSON.parse(process.argv[2]!) as StorageOptions;
const code = process.argv[3]!;
const storage = openStorage(options);
await storage.ready();
const clock = { deadline: null, paused: false, remainingMs: null };
for (let seq = 1; ; seq++) {
  // every third command also changes the summary row (the transaction path)
  const changed = seq % 3 === 0;
  await storage.tables.commit(
    code,
    { seq, actor: { kind: "seat", nation: "seoul" }, at: seq, command: { type: "say", channel: "table", text: `command ${seq}` }, actionId: `a${seq}` },
    { phaseChanged: changed, phase: "negotiation", round: seq, clock, ended: false },
  );
  process.stdout.write(`${seq}\n`);
}
