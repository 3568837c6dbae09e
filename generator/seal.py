"""Answers shipped inside an assessment page without being readable there.

An assessment page must not show its answers to someone who views the source or searches
the page: each question's key and feedback travel as one sealed string, XOR-ed with a key
stream derived from the quiz version and the question id, then base64-encoded. The learner
runtime (`assess.js`) opens it with the same steps. This stops casual lookup (view-source,
find in page, search engines, the site search); it does not stop a developer who reads the
runtime, because everything needed to open a seal ships with the page.
"""

from __future__ import annotations

import base64
import json
from typing import Any

_MASK = 0xFFFFFFFF


def seal_key(version: str, question_id: str) -> str:
    """The key of one question's seal: the runtime knows both parts from the page."""
    return f"{version}:{question_id}"


def _seed(key: str) -> int:
    """FNV-1a (32 bit) of the key's UTF-8 bytes; never 0, which would stall xorshift."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & _MASK
    return h or 1


def keystream(key: str, length: int) -> bytes:
    """`length` bytes of xorshift32 output seeded from `key` (low byte of each step)."""
    x = _seed(key)
    out = bytearray()
    for _ in range(length):
        x ^= (x << 13) & _MASK
        x ^= x >> 17
        x ^= (x << 5) & _MASK
        out.append(x & 0xFF)
    return bytes(out)


def seal(value: Any, key: str) -> str:
    """`value` as compact JSON, XOR-ed with the key stream, base64-encoded."""
    data = json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return base64.b64encode(_xor(data.encode("utf-8"), key)).decode()


def unseal(text: str, key: str) -> Any:
    """The value sealed by `seal` (for tests and tools)."""
    return json.loads(_xor(base64.b64decode(text), key).decode("utf-8"))


def _xor(raw: bytes, key: str) -> bytes:
    return bytes(a ^ b for a, b in zip(raw, keystream(key, len(raw)), strict=True))
