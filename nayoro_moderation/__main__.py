import os
import sys

# The command line uses no pydantic plugins; looking for them imports importlib.metadata and costs
# a noticeable share of the cold start of `check`.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .cli import main  # noqa: E402

sys.exit(main())
