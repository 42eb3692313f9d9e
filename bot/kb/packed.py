"""A read-only mapping whose values stay msgpack-encoded until first read.

The prebuilt index must load fast whatever the knowledge base's size (under 300 ms,
with 100,000 people). Unpickling a Python object per person and per term is what costs; a check
reads a handful of people. So people and terms are kept packed (one bytes value per key) and
decoded, then cached, on first access.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar

import msgspec

V = TypeVar("V")


class PackedTable(Mapping[str, V], Generic[V]):
    """`key -> value` with values decoded from msgpack on first use (thread-safe: a race only
    decodes twice)."""

    __slots__ = ("_cache", "_decoder", "_raw", "_type")

    def __init__(self, raw: dict[str, bytes], value_type: Any) -> None:
        self._raw = raw
        self._type = value_type
        self._cache: dict[str, V] = {}
        self._decoder: msgspec.msgpack.Decoder[Any] | None = None

    @classmethod
    def pack(cls, values: Mapping[str, V], value_type: Any) -> PackedTable[V]:
        encoder = msgspec.msgpack.Encoder()
        table: PackedTable[V] = cls({k: encoder.encode(v) for k, v in values.items()}, value_type)
        table._cache.update(values)  # what was just packed needs no decoding in this process
        return table

    def __getitem__(self, key: str) -> V:
        found = self._cache.get(key)
        if found is None:
            if self._decoder is None:
                self._decoder = msgspec.msgpack.Decoder(self._type)
            found = self._decoder.decode(self._raw[key])
            self._cache[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled packed: the decoded cache is rebuilt on demand after loading
        return (PackedTable, (self._raw, self._type))
