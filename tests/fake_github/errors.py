"""GitHub's error responses: one exception type that knows its status and JSON body."""

from __future__ import annotations

from typing import Any

DOCS = "https://docs.github.com/rest"


class ApiError(Exception):
    """Raised by state and route code wherever GitHub would answer with an error status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        documentation_url: str = DOCS,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
        self.documentation_url = documentation_url
        self.errors = errors
        self.headers = headers or {}
        self.url = url  # where a redirect points; the server makes it absolute

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "message": self.message,
            "documentation_url": self.documentation_url,
        }
        if self.errors is not None:
            body["errors"] = self.errors
        if self.url is not None:
            body["url"] = self.url
        if self.status != 422:
            # GitHub echoes the status as a string; its description only documents that field on
            # the basic error shape, not on the 422 validation-error shape.
            body["status"] = str(self.status)
        return body

    @classmethod
    def not_found(cls, documentation_url: str = DOCS) -> ApiError:
        return cls(404, "Not Found", documentation_url=documentation_url)

    @classmethod
    def moved(cls, repository: str, number: int) -> ApiError:
        """301 for a transferred issue; ``url`` is relative to the API root until served."""
        path = f"/repos/{repository}/issues/{number}"
        return cls(301, "Moved Permanently", url=path, headers={"Location": path})

    @classmethod
    def invalid(
        cls,
        resource: str,
        field: str,
        code: str = "invalid",
        *,
        documentation_url: str = DOCS,
        value: Any = None,
    ) -> ApiError:
        """422 "Validation Failed" with one structured error entry."""
        entry: dict[str, Any] = {"resource": resource, "code": code, "field": field}
        if value is not None:
            entry["value"] = value
        return cls(422, "Validation Failed", documentation_url=documentation_url, errors=[entry])

    @classmethod
    def custom(cls, resource: str, message: str, *, documentation_url: str = DOCS) -> ApiError:
        """422 "Validation Failed" with a free-text `custom` error entry."""
        entry = {"resource": resource, "code": "custom", "message": message}
        return cls(422, "Validation Failed", documentation_url=documentation_url, errors=[entry])

    @classmethod
    def bad_request(cls, detail: str, *, documentation_url: str = DOCS) -> ApiError:
        """422 "Invalid request." as GitHub sends for schema-level body problems."""
        return cls(422, f"Invalid request.\n\n{detail}", documentation_url=documentation_url)
