"""Check responses against GitHub's published REST description.

The description comes from the PyPI package `githubkit-schemas`, generated from
github/rest-api-description: pydantic models for every schema, and per operation a typed function
whose docstring names ``METHOD /path`` and whose body names the response models
(``response_model=...``, ``error_models={...}``). We read that mapping from the package's source
with `ast` (nothing is hand-maintained here), then validate a response body in pydantic's strict
mode and additionally reject fields that the description does not know, so the fake can neither
omit a required field nor invent one.

The default version is 2022-11-28, what GitHub serves when a client sends no
`X-GitHub-Api-Version` (PyGithub sends none).
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .ledger import Exchange

DEFAULT_VERSION = "2022-11-28"

# Spellings GitHub still serves that the description only lists under another path.
ALIASES = {
    ("GET", "/repos/{owner}/{repo}/git/refs/{ref}"): ("GET", "/repos/{owner}/{repo}/git/ref/{ref}"),
    ("GET", "/repos/{owner}/{repo}/contents"): ("GET", "/repos/{owner}/{repo}/contents/{path}"),
}

_DOCLINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (/\S*)$", re.MULTILINE)
_GREEDY = {"path", "ref", "name", "branch", "basehead"}
_TYPING_NAMES = {"Union": typing.Union, "Literal": typing.Literal, "Any": Any, "list": list}


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    template: str
    success: str | None
    errors: Mapping[int, str]

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return _template_pattern(self.template)


def _package(version: str) -> str:
    return f"githubkit_schemas.v{version.replace('-', '_')}"


@functools.cache
def operations(version: str = DEFAULT_VERSION) -> dict[tuple[str, str], Operation]:
    """Every REST operation in the description, keyed by (method, path template)."""
    rest = importlib.import_module(f"{_package(version)}.rest")
    found: dict[tuple[str, str], Operation] = {}
    for source in sorted(Path(rest.__path__[0]).glob("*.py")):
        module = ast.parse(source.read_text(encoding="utf-8"))
        # Operations are the methods of each module's client classes; walking only that far
        # (not every node of 4,000 functions) keeps the first check of a session quick.
        for node in _methods(module):
            operation = _operation_of(node)
            if operation is not None:
                found.setdefault((operation.method, operation.template), operation)
    if not found:
        raise RuntimeError(f"no operations found in {rest.__name__}; has the package changed?")
    return found


def _methods(module: ast.Module) -> Iterator[ast.FunctionDef]:
    for node in module.body:
        if isinstance(node, ast.ClassDef):
            yield from (child for child in node.body if isinstance(child, ast.FunctionDef))


def _operation_of(node: ast.FunctionDef) -> Operation | None:
    doc = ast.get_docstring(node)
    line = _DOCLINE.search(doc or "")
    if doc is None or line is None:
        return None
    success: str | None = None
    errors: dict[int, str] = {}
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        for keyword in call.keywords:
            if keyword.arg == "response_model":
                success = ast.unparse(keyword.value)
            elif keyword.arg == "error_models" and isinstance(keyword.value, ast.Dict):
                for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                    status = key.value if isinstance(key, ast.Constant) else None
                    if isinstance(status, str) and status.isdigit():
                        errors[int(status)] = ast.unparse(value)
    operation_id = doc.splitlines()[0].strip()
    return Operation(operation_id, line.group(1), line.group(2), success, errors)


def _template_pattern(template: str) -> re.Pattern[str]:
    def param(match: re.Match[str]) -> str:
        return ".*" if match.group(1) in _GREEDY else "[^/]+"

    return re.compile(re.sub(r"\\\{(\w+)\\\}", param, re.escape(template)) + "/?")


def find_operation(method: str, path: str, version: str = DEFAULT_VERSION) -> Operation | None:
    """The operation serving `path` (relative to the API root, no query string)."""
    table = operations(version)
    candidates = [op for (m, _), op in table.items() if m == method and op.pattern.fullmatch(path)]
    if candidates:
        # Prefer the most literal template: `/issues/comments` over `/issues/{issue_number}`.
        return max(candidates, key=lambda op: len(re.sub(r"\{\w+\}", "", op.template)))
    for (alias_method, alias), target in ALIASES.items():
        if alias_method == method and _template_pattern(alias).fullmatch(path):
            return table[target]
    return None


@functools.cache
def _models(version: str) -> ModuleType:
    return importlib.import_module(f"{_package(version)}.models")


@functools.cache
def _adapter(expression: str, version: str) -> TypeAdapter[Any]:
    module = _models(version)
    names = {n.id for n in ast.walk(ast.parse(expression, mode="eval")) if isinstance(n, ast.Name)}
    namespace = {name: _TYPING_NAMES.get(name) or getattr(module, name) for name in names}
    return TypeAdapter(eval(expression, {"__builtins__": {}}, namespace))


def _expected_model(operation: Operation | None, status: int) -> str | None:
    if operation is not None and 200 <= status < 300:
        return operation.success
    if operation is not None and status in operation.errors:
        return operation.errors[status]
    return "ValidationError" if status == 422 else "BasicError"


def check_response(
    method: str, path: str, status: int, body: Any, *, version: str = DEFAULT_VERSION
) -> list[str]:
    """Problems with one response; an empty list means it conforms.

    `body` is the decoded JSON (or raw text/bytes). Not-JSON bodies are accepted only where GitHub
    itself sends them: gateway errors (5xx) and raw media types.
    """
    path = path.split("?", 1)[0]
    where = f"{method} {path} -> {status}"
    operation = find_operation(method, path, version)
    if operation is None and status != 404:
        return [f"{where}: no such operation in GitHub's REST description {version}"]
    expression = _expected_model(operation, status)
    empty = body is None or body == "" or body == b""
    if expression is None:
        return [] if empty else [f"{where}: GitHub documents no response body here"]
    if empty:
        return [f"{where}: body missing, expected {expression}"]
    if isinstance(body, bytes | str):
        try:
            body = json.loads(body)
        except ValueError:
            return [] if status >= 500 else [f"{where}: body is not JSON"]
    try:
        value = _adapter(expression, version).validate_json(json.dumps(body), strict=True)
    except ValidationError as error:
        return [
            f"{where}: {'.'.join(map(str, e['loc'])) or '$'}: {e['msg']} (schema {expression})"
            for e in error.errors()
        ]
    return [
        f"{where}: field {extra} is not in GitHub's description ({expression})"
        for extra in _unknown_fields(value, body, "$")
    ]


def _unknown_fields(value: Any, raw: Any, where: str) -> Iterator[str]:
    if isinstance(value, BaseModel) and isinstance(raw, dict):
        model = type(value)
        if model.model_config.get("extra") == "allow":
            return
        fields = {(info.alias or name): name for name, info in model.model_fields.items()}
        for key, item in raw.items():
            if key not in fields:
                yield f"{where}.{key}"
            else:
                yield from _unknown_fields(getattr(value, fields[key]), item, f"{where}.{key}")
    elif isinstance(value, list) and isinstance(raw, list):
        for index, (item_value, item_raw) in enumerate(zip(value, raw, strict=False)):
            yield from _unknown_fields(item_value, item_raw, f"{where}[{index}]")


def check_exchange(exchange: Exchange) -> list[str]:
    """Check a recorded exchange in the API version its client asked for."""
    version = exchange.api_version or DEFAULT_VERSION
    body = exchange.response_body
    return check_response(exchange.method, exchange.path, exchange.status, body, version=version)


def assert_conforms(exchanges: Iterable[Exchange]) -> int:
    """Raise AssertionError listing every non-conforming response; returns how many were checked."""
    checked = 0
    problems: list[str] = []
    for exchange in exchanges:
        problems += check_exchange(exchange)
        checked += 1
    if problems:
        raise AssertionError("responses differ from GitHub's description:\n" + "\n".join(problems))
    return checked
