// PostGraphile 5 over the hub's PostgreSQL database, for `make bench-peer` (bench/peer.py).
//
//   node server.mjs   with DATABASE_URL (postgres://…), HOST and PORT in the environment
//
// The amber preset as it ships (relations from foreign keys, conditions, orderBy, Relay
// connections, global ids), production mode: no GraphiQL, no schema watching, no explain.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const { DATABASE_URL, HOST = "127.0.0.1", PORT = "8601" } = process.env;
if (!DATABASE_URL) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: DATABASE_URL, schemas: ["public"] })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once("listening", () => console.log(`PostGraphile on http://${HOST}:${PORT}/graphql`));
await serv.addTo(server);
server.listen(Number(PORT), HOST);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}
