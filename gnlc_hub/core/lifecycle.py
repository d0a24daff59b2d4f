"""Life cycles of reviewed records (practices, progress reports): named steps between statuses.

One shape for every such record: each step says which statuses it leaves from, where it goes,
which permission it needs and whether a note must explain it; asking for a step the record's
status does not allow is an ``INVALID_TRANSITION`` that names the possible steps.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from gnlc_hub.core.errors import DomainError, ErrorCode

if TYPE_CHECKING:
    from gnlc_hub.auth.rules import Action

StatusT = TypeVar("StatusT", bound=enum.Enum)
TransitionT = TypeVar("TransitionT", bound=enum.StrEnum)


@dataclass(frozen=True)
class Step(Generic[StatusT]):
    sources: frozenset[StatusT]
    target: StatusT
    action: Action
    note_required: bool = False


class LifeCycle(Mapping[TransitionT, Step[StatusT]]):
    """The steps of one kind of record, by transition; ``noun`` names the record in errors."""

    def __init__(self, noun: str, steps: Mapping[TransitionT, Step[StatusT]]) -> None:
        self.noun = noun
        self._steps = dict(steps)

    def __getitem__(self, transition: TransitionT) -> Step[StatusT]:
        return self._steps[transition]

    def __iter__(self) -> Iterator[TransitionT]:
        return iter(self._steps)

    def __len__(self) -> int:
        return len(self._steps)

    def next_steps(self, status: StatusT) -> list[TransitionT]:
        return [name for name, step in self._steps.items() if status in step.sources]

    def ensure_possible(self, status: StatusT, transition: TransitionT) -> None:
        """Raise the error naming the possible steps unless ``transition`` leaves ``status``."""
        if status not in self._steps[transition].sources:
            allowed = ", ".join(name.value for name in self.next_steps(status)) or "none"
            raise DomainError.single(
                f"A {status.value} {self.noun} cannot take the step {transition.value!r} "
                f"(possible steps: {allowed}).",
                ErrorCode.INVALID_TRANSITION,
            )
