/** `deepthink eval list`: the runs in the database, newest first, with how far each got. */
import { z } from "zod";
import { EvalStore, openDatabase } from "../../store/index.js";
import type { EvalIo } from "./eval-io.js";

const Listed = z.object({ samples: z.number() }).loose();
const ListedInfo = z.object({ model: z.string() }).loose();

export function listRuns(options: { dbPath: string; json: boolean }, io: EvalIo): number {
  const db = openDatabase(options.dbPath);
  try {
    const runs = new EvalStore(db).listRuns().map((run) => {
      const config = Listed.safeParse(run.config);
      const info = ListedInfo.safeParse(run.info);
      const k = config.success ? config.data.samples : 0;
      return {
        run: run.hash.slice(0, 12),
        hash: run.hash,
        benchmark: run.label,
        model: info.success ? info.data.model : "?",
        samplesPerProblem: k,
        stored: run.samples,
        created: run.createdAt,
      };
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      io.stdout.write("no runs yet (deepthink eval run --help)\n");
      return 0;
    }
    const rows = [["RUN", "BENCHMARK", "MODEL", "K", "SAMPLES", "CREATED"]];
    for (const r of runs)
      rows.push([
        r.run,
        r.benchmark,
        r.model,
        String(r.samplesPerProblem),
        String(r.stored),
        r.created.slice(0, 19),
      ]);
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows)
      io.stdout.write(
        `${row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}\n`,
      );
    return 0;
  } finally {
    db.close();
  }
}
