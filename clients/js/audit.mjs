// graphql-http's GraphQL-over-HTTP audit against a served hub.
// Usage: node audit.mjs [url]   (default http://127.0.0.1:8000/graphql, or GNLC_HUB_URL)
// Prints one line per audit and a summary line "N passed, N failed"; exits 1 on any non-ok.
import { serverAudits } from "graphql-http";

const url = process.argv[2] ?? process.env.GNLC_HUB_URL ?? "http://127.0.0.1:8000/graphql";
const audits = serverAudits({ url, fetchFn: fetch });
const counts = { ok: 0, warn: 0, error: 0 };
for (const audit of audits) {
  const result = await audit.fn();
  counts[result.status] += 1;
  const detail = result.status === "ok" ? "" : ` - ${result.reason}`;
  console.log(`${result.status.padEnd(5)} ${audit.id} ${audit.name}${detail}`);
}
console.log(`audit: ${audits.length} audits, ${counts.ok} ok, ${counts.warn} warn, ${counts.error} error`);
console.log(`${counts.ok} passed, ${counts.warn + counts.error} failed`);
process.exit(counts.ok === audits.length ? 0 : 1);
