// A city's practices, paged inside the city: a nested connection with @connection.
import { graphql } from "relay-runtime";

export const cityPracticesFragment = graphql`
  fragment CityPractices_city on City
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 5 }
    cursor: { type: "String" }
  )
  @refetchable(queryName: "CityPracticesPaginationQuery") {
    practices(first: $count, after: $cursor) @connection(key: "CityPractices_practices") {
      totalCount
      edges {
        node {
          id
          title
          themes { slug name }
        }
      }
    }
  }
`;

export const cityAlliancesFragment = graphql`
  fragment CityPractices_alliances on City
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 5 }
    cursor: { type: "String" }
  )
  @refetchable(queryName: "CityAlliancesPaginationQuery") {
    alliances(first: $count, after: $cursor) @connection(key: "CityPractices_alliances") {
      edges { node { id name status } }
    }
  }
`;

export const cityPageQuery = graphql`
  query CityPracticesPageQuery($slug: String!) {
    city(slug: $slug) {
      name
      ...CityPractices_city
      ...CityPractices_alliances
    }
  }
`;
