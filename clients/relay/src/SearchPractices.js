// The clearing house: searchPractices as a paginated connection with facet counts.
import { graphql } from "relay-runtime";

export const searchFragment = graphql`
  fragment SearchPractices_query on Query
  @argumentDefinitions(
    text: { type: "String!" }
    count: { type: "Int", defaultValue: 10 }
    cursor: { type: "String" }
  )
  @refetchable(queryName: "SearchPracticesPaginationQuery") {
    searchPractices(query: $text, first: $count, after: $cursor, facets: [THEME, REGION])
    @connection(key: "SearchPractices_searchPractices", filters: ["query"]) {
      totalHits
      engine
      facetDistribution { facet values { value count } }
      edges {
        score
        highlights { field snippet }
        node { id title city { name } }
      }
    }
  }
`;

export const searchQuery = graphql`
  query SearchPracticesQuery($text: String!) {
    ...SearchPractices_query @arguments(text: $text)
  }
`;
