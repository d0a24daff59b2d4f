"""Descriptions the domain enums cannot carry themselves (they are plain Python enums, free of
strawberry), applied to the built schema in one place; a name that no longer exists fails
loudly, so the table cannot drift from the schema."""

from __future__ import annotations

from collections.abc import Mapping

from graphql import GraphQLEnumType, GraphQLSchema

from gnlc_hub.core.vocabularies import REGION_NAMES

ENUM_VALUES: Mapping[str, Mapping[str, str]] = {
    "Role": {
        "ANONYMOUS": "No token: reads published content only.",
        "CITY_EDITOR": "Edits one city's drafts and profile, and acts for that city.",
        "SECRETARIAT": "The GNLC secretariat: curation, membership and programmes for every city.",
        "ADMIN": "Everything the secretariat may do, plus managing API tokens.",
    },
    # UNESCO's own names of its regional groups (gnlc_hub.core.vocabularies.REGION_NAMES).
    "Region": {code.value: f"{name}." for code, name in REGION_NAMES.items()},
    "PracticeStatus": {
        "DRAFT": "Being written by its city; visible to its editors and the secretariat.",
        "SUBMITTED": "Sent for review by the secretariat.",
        "CHANGES_REQUESTED": "Sent back to its city with a review note.",
        "PUBLISHED": "Public and searchable.",
        "ARCHIVED": "No longer shown or searchable; kept for the record.",
    },
    "BuildingBlock": {
        "INCLUSIVE_LEARNING_IN_THE_EDUCATION_SYSTEM": "Inclusive learning from basic to higher "
        "education.",
        "REVITALIZED_LEARNING_IN_FAMILIES_AND_COMMUNITIES": "Learning revived in families and "
        "communities.",
        "EFFECTIVE_LEARNING_FOR_AND_IN_THE_WORKPLACE": "Effective learning for and in the "
        "workplace.",
        "EXTENDED_USE_OF_MODERN_LEARNING_TECHNOLOGIES": "Wider use of modern learning "
        "technologies.",
        "ENHANCED_QUALITY_IN_LEARNING": "Better quality in learning.",
        "VIBRANT_CULTURE_OF_LEARNING_THROUGHOUT_LIFE": "A lively culture of learning throughout "
        "life.",
    },
    "GuidelineArea": {
        "PLANNING": "A plan for the learning city, developed with stakeholders.",
        "INVOLVEMENT": "A coordinated structure that involves all stakeholders.",
        "CELEBRATION": "Events that celebrate learning and mobilise people.",
        "ACCESSIBILITY": "Learning opportunities open to all citizens.",
        "MONITORING_AND_EVALUATION": "Monitoring and evaluation of progress.",
        "FUNDING": "Sustainable funding.",
    },
    "TargetGroup": {
        "ALL_CITIZENS": "Everyone in the city.",
        "CHILDREN_AND_FAMILIES": "Children and their families.",
        "YOUTH_AT_RISK": "Young people at risk of dropping out or exclusion.",
        "MIGRANTS_AND_REFUGEES": "Migrants and refugees.",
        "PEOPLE_IN_DEPRIVED_NEIGHBOURHOODS": "Residents of deprived neighbourhoods.",
        "WOMEN_AND_GIRLS": "Women and girls.",
        "OLDER_ADULTS": "Older adults and senior citizens.",
        "ADULTS_WITH_LOW_LITERACY": "Adults with low literacy or numeracy.",
        "PEOPLE_WITH_DISABILITIES": "People with disabilities.",
        "UNEMPLOYED_PEOPLE": "Unemployed people and job seekers.",
        "E_EXCLUDED": "People left out of digital life.",
    },
    "AllianceKind": {
        "NETWORK": "A network of several cities around a shared theme.",
        "MOU": "A memorandum of understanding between cities.",
        "TWINNING": "Twinned (sister) cities.",
        "LEARNING_PARTNERSHIP": "A partnership for peer learning on one topic.",
    },
    "AllianceStatus": {
        "PROPOSED": "Waiting for invited cities to answer; seen only by its cities and the "
        "secretariat.",
        "ACTIVE": "Accepted by at least one invited city, and running.",
        "DECLINED": "Every invited city declined.",
        "CONCLUDED": "Ended by one of its cities or the secretariat.",
    },
    "AllianceMemberResponse": {
        "PROPOSER": "The city that proposed the alliance.",
        "PENDING": "Invited, not answered yet.",
        "ACCEPTED": "Invited and joined.",
        "DECLINED": "Invited and declined.",
    },
    "ClusterRole": {
        "COORDINATOR": "Coordinates the cluster.",
        "MEMBER": "Takes part in the cluster.",
    },
    "EventKind": {
        "CONFERENCE": "An International Conference on Learning Cities.",
        "FESTIVAL": "A city's learning festival.",
    },
    "EventFrequency": {
        "ANNUAL": "Every year.",
        "RECURRING": "Repeatedly, but not every year.",
        "ONE_OFF": "Once.",
        "UNKNOWN": "The source does not say.",
    },
    "Modality": {
        "ONLINE": "Online only.",
        "IN_PERSON": "In person only.",
        "HYBRID": "Partly online, partly in person.",
    },
    "EnrolmentStatus": {
        "ENROLLED": "Holds a seat.",
        "WITHDRAWN": "Withdrew; the seat is free again.",
    },
    "CityOrderField": {
        "NAME": "By name, alphabetically.",
        "ADMITTED_YEAR": "By year of admission to the network, then by name.",
    },
    "OrderDirection": {
        "ASC": "Smallest, earliest or A first.",
        "DESC": "Largest, latest or Z first.",
    },
    "PracticeOrderField": {
        "TITLE": "By title, alphabetically.",
        "RECENTLY_PUBLISHED": "By date of publication (of creation for unpublished ones).",
        "YEAR": "By the year the practice ended, or started when it has no end.",
    },
    "SearchHighlightField": {
        "TITLE": "The practice's title.",
        "SUMMARY": "The practice's summary.",
        "BODY": "The practice's full text.",
    },
    "SearchFacet": {
        "CITY": "The practice's city (slug).",
        "COUNTRY": "The city's country (ISO 3166-1 alpha-2).",
        "REGION": "The city's UNESCO region.",
        "THEME": "Themes of the practice (slug).",
        "SDG": "Sustainable Development Goals (1–17).",
        "BUILDING_BLOCK": "Key Features building blocks.",
        "GUIDELINE_AREA": "Guidelines for Building Learning Cities areas.",
        "TARGET_GROUP": "Target groups.",
        "YEAR": "Year the practice started.",
        "LANGUAGE": "Language of the text (ISO 639-1).",
    },
    "SearchEngineName": {
        "EMBEDDED": "The tantivy index in the hub's data folder.",
        "MEILISEARCH": "A Meilisearch server.",
    },
    "PracticeSearchSort": {
        "RELEVANCE": "Best match first (newest first when there is no query).",
        "RECENT": "Most recently published first.",
    },
    "MatchReasonKind": {
        "MATCHING_PRACTICE": "One of the city's practices matches the need.",
        "SHARED_THEMES": "Its practices carry themes the need names.",
        "SHARED_TARGET_GROUPS": "Its practices reach target groups the need names.",
        "SHARED_SDGS": "Its practices serve SDGs the need names.",
        "SAME_CLUSTER": "It is in a thematic cluster with the asking city.",
        "SAME_REGION": "It is in the asking city's UNESCO region.",
        "SIMILAR_SIZE": "Its population is within a factor of two of the asking city's.",
        "SHARED_LANGUAGES": "It shares a working language with the asking city.",
    },
    "NeedSource": {
        "GIVEN": "The `need` argument.",
        "CITY_PROFILE": "The asking city's profile priorities and challenges.",
        "CITY_PRACTICES": "The themes of the asking city's published practices (its profile "
        "names no priorities).",
    },
    "LearningPlaceKind": {
        "COMMUNITY_LEARNING_CENTRE": "A community learning centre (CLC, kominkan …).",
        "LIBRARY": "A public library.",
        "MUSEUM": "A museum.",
        "SCHOOL": "A school.",
        "UNIVERSITY": "A university or college.",
        "WORKPLACE": "A workplace offering learning.",
        "ONLINE_SERVICE": "An online learning service.",
        "FESTIVAL_VENUE": "A venue of a learning festival.",
        "PARK_OR_OUTDOOR": "A park or other outdoor place of learning.",
        "OTHER": "Any other kind of learning place.",
    },
    "ProfileFact": {
        "LOCATION": "The city's point (latitude and longitude).",
        "POPULATION": "The number of inhabitants.",
        "TIME_ZONE": "The city's time zone.",
        "LANGUAGES": "The city's working languages.",
    },
    "UserErrorCode": {
        "INVALID": "A value breaks a rule (length, range, format…).",
        "REQUIRED": "A required value is missing.",
        "NOT_FOUND": "The object does not exist or you may not see it.",
        "FORBIDDEN": "You may not do this.",
        "UNAUTHENTICATED": "This needs a token.",
        "CONFLICT": "Stale `version`: someone changed the object first; read it again.",
        "DUPLICATE": "It would create something that already exists.",
        "INVALID_TRANSITION": "This step is not allowed from the current state.",
        "FULL": "No seats left.",
        "CLOSED": "Closed: the deadline passed or it no longer accepts this.",
    },
}


# Arguments with one meaning across the API, described once (as graphql.core.arguments does).
ARGUMENTS: Mapping[str, str] = {
    "filter": "Only items matching all of these conditions.",
    "orderBy": "Sort order.",
}


def input_description(input_type: str) -> str:
    """Every mutation takes one `input`; its description says where its fields are."""
    return f"Everything the mutation needs, as one `{input_type}` (fields described there)."


def describe(schema: GraphQLSchema) -> None:
    """Give the built schema the enum-value, mutation-input and common-argument descriptions
    above, where the code gave none."""
    for type_name, values in ENUM_VALUES.items():
        enum_type = schema.type_map[type_name]
        assert isinstance(enum_type, GraphQLEnumType), type_name
        for value_name, description in values.items():
            enum_type.values[value_name].description = description
    mutation = schema.mutation_type
    for field in mutation.fields.values() if mutation else ():
        argument = field.args.get("input")
        if argument is not None and not argument.description:
            argument.description = input_description(str(argument.type).rstrip("!"))
    for type_ in (schema.query_type, schema.mutation_type):
        for field in type_.fields.values() if type_ else ():
            for name, argument in field.args.items():
                if name in ARGUMENTS and not argument.description:
                    argument.description = ARGUMENTS[name]
