"""Shared vocabularies every domain checks against: ISO codes and UNESCO regions."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from gnlc_hub.core.errors import Problem

# fmt: off
ISO_639_1 = frozenset({
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
    "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv",
    "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi",
    "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
    "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja",
    "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw",
    "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml",
    "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv",
    "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro",
    "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr",
    "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr",
    "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi",
    "yo", "za", "zh", "zu",
})
# fmt: on


def language_problems(codes: Sequence[str], field: Sequence[str]) -> list[Problem]:
    """One problem naming the codes (any case) that are not ISO 639-1, or none."""
    unknown = [code for code in codes if code.lower() not in ISO_639_1]
    if not unknown:
        return []
    return [
        Problem(
            f"languages must be ISO 639-1 codes such as `en` or `fr` (unknown: "
            f"{', '.join(unknown[:5])}).",
            field=field,
        )
    ]


class RegionCode(enum.StrEnum):
    """UNESCO's five regional groups, as used by the GNLC."""

    AFRICA = "AFRICA"
    ARAB_STATES = "ARAB_STATES"
    ASIA_AND_THE_PACIFIC = "ASIA_AND_THE_PACIFIC"
    EUROPE_AND_NORTH_AMERICA = "EUROPE_AND_NORTH_AMERICA"
    LATIN_AMERICA_AND_THE_CARIBBEAN = "LATIN_AMERICA_AND_THE_CARIBBEAN"


REGION_NAMES: dict[RegionCode, str] = {
    RegionCode.AFRICA: "Africa",
    RegionCode.ARAB_STATES: "Arab States",
    RegionCode.ASIA_AND_THE_PACIFIC: "Asia and the Pacific",
    RegionCode.EUROPE_AND_NORTH_AMERICA: "Europe and North America",
    RegionCode.LATIN_AMERICA_AND_THE_CARIBBEAN: "Latin America and the Caribbean",
}


ISO_ALPHA_2 = re.compile(r"\A[A-Za-z]{2}\Z")
