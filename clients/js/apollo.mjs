// Apollo Client 4 against a served hub: automatic persisted queries (hash-only GET first),
// batching (BatchHttpLink) and fetchMore over the root `cities` connection.
// Usage: node apollo.mjs [url]   (default http://127.0.0.1:8000/graphql, or GNLC_HUB_URL)
// Prints one line per check, a JSON line of measurements and "N passed, N failed"; exits 1 on failure.
import { createHash } from "node:crypto";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { BatchHttpLink } from "@apollo/client/link/batch-http";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";
import { filter, firstValueFrom } from "rxjs";

const uri = process.argv[2] ?? process.env.GNLC_HUB_URL ?? "http://127.0.0.1:8000/graphql";
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

// Every HTTP exchange the clients make, to check what went over the wire.
const wire = [];
async function recordingFetch(input, init = {}) {
  const response = await fetch(input, init);
  const body = typeof init.body === "string" ? init.body : "";
  wire.push({
    method: init.method ?? "GET",
    url: String(input),
    status: response.status,
    batch: body.startsWith("["),
    hasQueryText: body.includes('"query"') || String(input).includes("query="),
  });
  return response;
}

const cache = () =>
  new InMemoryCache({ typePolicies: { Query: { fields: { cities: relayStylePagination(["filter"]) } } } });

const results = [];
async function check(name, fn) {
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name}${detail ? ` - ${detail}` : ""}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name} - ${error?.stack ?? error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const CITY_PAGE = gql`
  query CityPage($first: Int!, $after: String) {
    cities(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id slug name country { name } } }
    }
  }
`;
const REGIONS = gql`query Regions { regions { name } }`;
// A document no earlier run has registered, so the first request really misses the hub's store.
const nonce = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const FRESH_REGIONS = gql(`query FreshRegions { ${nonce}: regions { name } }`);
const CLUSTERS = gql`query Clusters { clusters { name } }`;
const STATS = gql`query Stats { networkStats { cityCount countryCount } }`;

const measurements = {};

await check("persisted queries: hash-only GET, resend on PersistedQueryNotFound, then hash hits", async () => {
  const client = new ApolloClient({
    cache: cache(),
    link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
      new HttpLink({ uri, fetch: recordingFetch }),
    ),
  });
  const start = wire.length;
  const first = await client.query({ query: FRESH_REGIONS, fetchPolicy: "network-only" });
  assert(first.data[nonce].length > 0, "no regions");
  const firstTrip = wire.slice(start);
  assert(firstTrip.length === 2, `first query took ${firstTrip.length} requests`);
  assert(firstTrip[0].method === "GET" && !firstTrip[0].hasQueryText, "first request was not hash-only GET");
  assert(firstTrip[1].method === "POST" && firstTrip[1].hasQueryText, "retry did not send the text");
  const again = wire.length;
  for (let i = 0; i < 5; i += 1) {
    await client.query({ query: FRESH_REGIONS, fetchPolicy: "network-only" });
  }
  const later = wire.slice(again);
  assert(later.length === 5, `5 repeats took ${later.length} requests`);
  assert(later.every((r) => r.method === "GET" && !r.hasQueryText && r.status === 200), "repeat not hash-only");
  measurements.apq = { firstQueryRequests: firstTrip.length, repeatRequestsPerQuery: later.length / 5 };
  return `first query ${firstTrip.length} round trips, repeats 1 hash-only GET each`;
});

await check("batching: three queries in one HTTP request", async () => {
  const client = new ApolloClient({
    cache: cache(),
    link: new PersistedQueryLink({ sha256 }).concat(
      new BatchHttpLink({ uri, fetch: recordingFetch, batchMax: 10, batchInterval: 20 }),
    ),
  });
  const start = wire.length;
  const [regions, clusters, stats] = await Promise.all([
    client.query({ query: REGIONS, fetchPolicy: "network-only" }),
    client.query({ query: CLUSTERS, fetchPolicy: "network-only" }),
    client.query({ query: STATS, fetchPolicy: "network-only" }),
  ]);
  assert(regions.data.regions.length > 0 && clusters.data.clusters.length > 0, "empty lists");
  assert(stats.data.networkStats.cityCount > 300, "network stats missing");
  const trips = wire.slice(start);
  assert(trips.every((r) => r.batch && r.status === 200), "not all batched");
  // One batch when the hashes are known, two (hash-only, then with the texts) the first time.
  assert(trips.length <= 2, `${trips.length} HTTP requests for one batch`);
  measurements.batch = { operations: 3, httpRequests: trips.length };
  return `3 operations in ${trips.length} HTTP request(s)`;
});

await check("fetchMore pages the root cities connection", async () => {
  const client = new ApolloClient({ cache: cache(), link: new HttpLink({ uri, fetch: recordingFetch }) });
  const observable = client.watchQuery({ query: CITY_PAGE, variables: { first: 20 } });
  const subscription = observable.subscribe({});
  let { data } = await firstValueFrom(observable.pipe(filter((r) => r.dataState === "complete")));
  for (let page = 0; page < 2; page += 1) {
    const { endCursor, hasNextPage } = data.cities.pageInfo;
    assert(hasNextPage, "expected more cities");
    await observable.fetchMore({ variables: { first: 20, after: endCursor } });
    // The merged list as the cache holds it (relayStylePagination appends the new edges).
    data = client.readQuery({ query: CITY_PAGE, variables: { first: 20 } });
  }
  subscription.unsubscribe();
  const ids = data.cities.edges.map((edge) => edge.node.id);
  assert(ids.length === 60, `merged ${ids.length} cities, expected 60`);
  assert(new Set(ids).size === 60, "duplicate cities across pages");
  assert(data.cities.totalCount > 300, "totalCount missing");
  return `60 of ${data.cities.totalCount} cities over 3 pages, no duplicates`;
});

// NESTED CONNECTION: pages one city's practices with fetchMore once `City.practices` is a Relay
// connection (helper "cost", issue 10). Until the schema says so this is reported as "todo",
// never counted as passed.
const CITY_FIELDS = gql`
  query CityFields { __type(name: "City") { fields { name type { kind name ofType { name } } } } }
`;
const introspection = await new ApolloClient({ cache: new InMemoryCache(), link: new HttpLink({ uri }) }).query({
  query: CITY_FIELDS,
});
const practicesField = introspection.data.__type.fields.find((field) => field.name === "practices");
const practicesType = practicesField.type.name ?? practicesField.type.ofType?.name ?? "";
if (!practicesType.endsWith("Connection")) {
  console.log(`todo  nested connection paging - City.practices is ${practicesType || "a list"}, not a connection yet`);
} else {
  await check("fetchMore pages a nested connection (City.practices)", async () => {
    const nestedCache = new InMemoryCache({
      typePolicies: { City: { fields: { practices: relayStylePagination() } } },
    });
    const client = new ApolloClient({ cache: nestedCache, link: new HttpLink({ uri, fetch: recordingFetch }) });
    const busiest = await client.query({
      query: gql`{ cities(first: 100) { edges { node { id slug practices(first: 1) { totalCount } } } } }`,
    });
    const city = busiest.data.cities.edges
      .map((edge) => edge.node)
      .sort((a, b) => b.practices.totalCount - a.practices.totalCount)[0];
    assert(city.practices.totalCount >= 2, "no city with two practices");
    const PAGE = gql`
      query CityPractices($slug: String!, $after: String) {
        city(slug: $slug) { id practices(first: 1, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }
      }
    `;
    const observable = client.watchQuery({ query: PAGE, variables: { slug: city.slug } });
    const subscription = observable.subscribe({});
    let { data } = await firstValueFrom(observable.pipe(filter((r) => r.dataState === "complete")));
    while (data.city.practices.pageInfo.hasNextPage) {
      await observable.fetchMore({ variables: { after: data.city.practices.pageInfo.endCursor } });
      data = client.readQuery({ query: PAGE, variables: { slug: city.slug } });
    }
    subscription.unsubscribe();
    const ids = data.city.practices.edges.map((edge) => edge.node.id);
    assert(ids.length === city.practices.totalCount, `merged ${ids.length} of ${city.practices.totalCount}`);
    assert(new Set(ids).size === ids.length, "duplicate practices across pages");
    return `${ids.length} practices of ${city.slug}, one per page`;
  });
}

console.log(`measurements: ${JSON.stringify(measurements)}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
