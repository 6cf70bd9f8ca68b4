"""Pydantic's validation errors, rephrased for an editor: what was expected and what arrived."""

from __future__ import annotations

import difflib
import functools
import types
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from briefing.data.problems import Problem
from briefing.data.yamlio import Document, Loc
from briefing.model import PARAGRAPH_PATTERN, SLUG_PATTERN, WHEN_PATTERN

PATTERN_MEANING = {
    SLUG_PATTERN: "is not a lowercase slug (a-z, 0-9 and single hyphens, like 'gas-deal')",
    PARAGRAPH_PATTERN: "is not a paragraph id (p01, p02, ...)",
    WHEN_PATTERN: "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
}
TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


M = typing.TypeVar("M", bound=BaseModel)


def validated(model: type[M], items: list[Any]) -> list[tuple[Any, M | ValidationError]]:
    """Each item with its record, or with why it is invalid. The whole list is validated in one
    call first (a third faster for a file of claims than a call per record); only a list with an
    invalid item is validated again item by item, to tell the valid ones apart."""
    try:
        return list(zip(items, _list_adapter(model).validate_python(items), strict=True))
    except ValidationError:
        pass
    results: list[tuple[Any, M | ValidationError]] = []
    for item in items:
        try:
            results.append((item, model.model_validate(item)))
        except ValidationError as error:
            results.append((item, error))
    return results


@functools.cache
def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def model_problems(
    document: Document, loc: Loc, label: str, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """A problem for each field `error` names, at its place under `loc` in `document` (at the
    key itself for a field the model does not have), each message led by `label`."""
    problems = []
    for detail in error.errors(include_url=False):
        where: Loc = (*loc, *detail["loc"])
        message = f"{label}: {describe_error(detail, model)}"
        at_key = detail["type"] == "extra_forbidden"
        problems.append(document.problem(where, message, at_key=at_key))
    return problems


def describe_error(detail: ErrorDetails, model: type[BaseModel]) -> str:
    """One validation error as `field 'x': what is wrong`, with a hint where one helps."""
    loc = detail["loc"]
    kind = detail["type"]
    name = _field_name(loc)
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        return f"unknown field '{name}'{_field_hint(model, loc)}"
    where = f"field '{name}': " if loc else ""
    return where + _explain(detail)


def _explain(detail: ErrorDetails) -> str:
    kind, value = detail["type"], detail.get("input")
    if kind in TYPE_WORDS:
        return f"expected {TYPE_WORDS[kind]}, found {_describe_value(value)}"
    if kind == "string_pattern_mismatch":
        pattern = str(detail.get("ctx", {}).get("pattern", ""))
        return f"{_short(value)} {PATTERN_MEANING.get(pattern, 'has the wrong form')}"
    if kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        hint = _value_hint(value, str(expected))
        return f"expected one of {expected}, found {_short(value)}{hint}"
    if kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        return f"text is {len(str(value)):,} characters long; the limit is {limit:,}"
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, ")
    return f"{detail['msg']}, found {_describe_value(value)}"


def _field_name(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # 1-based, as an editor counts list items
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts)


def _field_hint(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    owner = _model_at(model, loc[:-1])
    if owner is None:
        return ""
    fields = list(owner.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; expected one of: {', '.join(fields)}"


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The nested model that a location points into (Claim -> figure -> Figure)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _nested_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _nested_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def _value_hint(value: object, expected: str) -> str:
    options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
    close = difflib.get_close_matches(str(value), options, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _describe_value(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    names = {int: "number", float: "number", str: "text", list: "a list", dict: "a mapping"}
    word = names.get(type(value), type(value).__name__)
    if isinstance(value, list | dict):
        return word
    return f"{word} {_short(value)}"


def _short(value: object, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"
