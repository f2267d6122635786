"""The review desk (DESIGN §10): a local web page where staff check drafts and work through the
comments of an export, recording a decision for each in a SQLite file.

    python -m nayoro_moderation serve [--db FILE] [--host 127.0.0.1] [--port 8765]

Needs the ``web`` extra (Starlette, uvicorn, python-multipart); ``create_app`` builds the ASGI app.
"""

from importlib import import_module

_EXPORTS = {"create_app": ".app", "Store": ".store"}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Store", "create_app"]
