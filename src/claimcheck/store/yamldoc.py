"""Safe YAML reading that keeps line numbers, in-place edits of scalar values, atomic writes."""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, except that a date stays the text written: YAML 1.1 would make
    `date: 2020-06-15` a datetime (which no schema here accepts) and crash on `2018-02-30`.
    Whether a date can be is the loader's question (store.database), with file and line."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def read_yaml(path: Path) -> YamlDoc:
    """Parse with the safe loader; a syntax error becomes a DataError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=path) from exc
    loader = _Loader(text)
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
    file. Text is written as UTF-8, bytes as they are. See `atomic_path` for mode and links."""
    with atomic_path(path) as tmp, tmp.open("wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A new empty file next to PATH for the caller to fill; when the block ends without an
    error it replaces PATH in one rename, else it is removed. Every file claimcheck writes goes
    through here. The file keeps the mode of the one it replaces (a shared 0664 file stays
    0664), and a new one gets what the umask gives any new file; when PATH is a symbolic link,
    the file it points to is replaced and the link stays."""
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    tmp = _new_file(target)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _new_file(target: Path) -> Path:
    # Not tempfile.mkstemp: it makes the file 0600 whatever the umask says.
    while True:
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
