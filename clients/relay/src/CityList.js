// A portal's city directory: a paginated root connection.
import { graphql } from "relay-runtime";

export const cityListQuery = graphql`
  query CityListQuery($first: Int!, $after: String) {
    cities(first: $first, after: $after) @connection(key: "CityList_cities") {
      totalCount
      edges {
        node {
          id
          slug
          name
          country { name }
        }
      }
    }
  }
`;
