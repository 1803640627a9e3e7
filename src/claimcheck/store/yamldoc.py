"""Safe YAML reading that keeps line numbers, and in-place edits of scalar values."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimcheck.errors import DataError

PathElem = str | int


@dataclass(frozen=True)
class YamlDoc:
    path: Path
    text: str
    node: yaml.Node | None
    data: Any

    def line_of(self, elems: Sequence[PathElem]) -> int:
        """1-based line of the value at `elems` (the nearest existing ancestor if it is absent)."""
        node = self.node
        if node is None:
            return 1
        line = node.start_mark.line
        for elem in elems:
            child = _child(node, elem)
            if child is None:
                break
            node = child
            line = node.start_mark.line
        return line + 1

    def key_line(self, elems: Sequence[PathElem], key: str) -> int:
        """1-based line of the key `key` inside the mapping at `elems`."""
        node = self.node
        for elem in elems:
            node = _child(node, elem) if node is not None else None
        if isinstance(node, yaml.MappingNode):
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return int(k.start_mark.line) + 1
        return self.line_of(elems)

    def scalar_node(self, elems: Sequence[PathElem]) -> yaml.ScalarNode | None:
        node = self.node
        for elem in elems:
            node = _child(node, elem) if node is not None else None
        return node if isinstance(node, yaml.ScalarNode) else None

    def duplicate_keys(self) -> Iterator[tuple[str, int]]:
        """Keys given twice in one mapping (YAML loaders silently keep the last)."""
        stack = [self.node] if self.node is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode):
                        if k.value in seen:
                            yield k.value, k.start_mark.line + 1
                        seen.add(k.value)
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)


def _child(node: yaml.Node, elem: PathElem) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(elem, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == elem:
                value: yaml.Node = v
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(elem, int) and elem < len(node.value):
        child: yaml.Node = node.value[elem]
        return child
    return None


# libyaml's parser when PyYAML was built with it (8x faster); the same safe constructor either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> YamlDoc:
    """Parse with the safe loader; a syntax error becomes a DataError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=path) from exc
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DataError(f"YAML syntax error: {exc.problem or exc}", path=path, line=line) from exc
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", path=path) from exc
    finally:
        loader.dispose()
    return YamlDoc(path, text, node, data)


def replace_scalars(doc: YamlDoc, edits: dict[tuple[PathElem, ...], int | str]) -> str:
    """The document's text with the given scalar values replaced, everything else untouched."""
    spans: list[tuple[int, int, str]] = []
    for elems, value in edits.items():
        node = doc.scalar_node(elems)
        if node is None:
            raise DataError(f"no scalar at {'/'.join(map(str, elems))}", path=doc.path)
        # JSON strings are valid YAML double-quoted scalars, so this is always safe to splice in.
        rendered = str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
        spans.append((node.start_mark.index, node.end_mark.index, rendered))
    text = doc.text
    for start, end, rendered in sorted(spans, reverse=True):
        text = text[:start] + rendered + text[end:]
    return text


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename, so a crash never leaves half a
    file. Text is written as UTF-8, bytes as they are."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
