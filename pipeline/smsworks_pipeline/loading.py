"""Load YAML the way an OpenAPI document means it, not the way YAML 1.1 guesses it.

Two YAML 1.1 guesses break the upstream spec: unquoted response codes (``201:``) load as integers, which
openapi-python-client rejects, and an example such as ``2021-10-28T14:10:00+01:00`` loads as a datetime, which is not
JSON. This loader keeps both as the text they were written as: mapping keys are always strings, and timestamps stay
strings. Numbers, booleans and nulls in values keep their YAML meaning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

JSONValue = Any  # JSON-compatible value: dict[str, ...], list, str, int, float, bool or None


class _TextKeepingLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver, and with scalar mapping keys kept as their text."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "only scalar mapping keys are allowed", key_node.start_mark
                )
            key = key_node.value
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate mapping key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


_TextKeepingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _TextKeepingLoader, node: yaml.Node) -> dict[Any, Any]:
    assert isinstance(node, yaml.MappingNode)  # registered for the mapping tag only
    return loader.construct_mapping(node, deep=True)


_TextKeepingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def load_yaml_text(text: str, *, source: str = "<text>") -> JSONValue:
    """Parse YAML text into JSON-compatible values, keeping keys and timestamps as text."""
    try:
        return yaml.load(
            text, Loader=_TextKeepingLoader
        )  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as error:
        raise ValueError(f"{source}: not valid YAML: {error}") from error


def load_document(path: Path) -> JSONValue:
    """Load a YAML file with :func:`load_yaml_text`."""
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path))


def dump_document(document: JSONValue) -> str:
    """Serialise a document as block YAML, keys in document order, deterministically."""
    return yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=120
    )
