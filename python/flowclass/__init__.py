"""flowclass for Python: classify network flows as BitTorrent, WebSocket or HTTP from their
shape, with results as ``pyarrow.Table`` (``.to_pandas()``, ``polars.from_arrow``).

- ``extract(paths, ...)``: one row of features per flow, as ``flowclass extract`` writes it.
- ``classify(paths, model=None, ...)``: one labeled row per flow, as ``flowclass classify``.
- ``Model.load(path)``, ``Model.default()``, ``Model.train(paths, labels=..., ...)``,
  ``model.evaluate(paths, labels=...)``, ``model.save(path)``.
- ``features()``: each feature's name, unit and meaning.

``paths`` is a path, a directory (searched recursively for captures) or a list of them. A
capture that cannot be read raises ``CaptureError`` (a ``ValueError``) with the command line's
message once every other capture has been read; ``errors="warn"`` warns instead. See
docs/PYTHON.md.
"""

from typing import List, NamedTuple

from . import _flowclass
from ._flowclass import CaptureError, Model, ModelError, __version__

__all__ = ["extract", "classify", "features", "Feature", "Model", "CaptureError", "ModelError"]

extract = _flowclass.extract
classify = _flowclass.classify


class Feature(NamedTuple):
    name: str
    unit: str
    description: str


def features(first_n=None) -> List[Feature]:
    """Every feature flowclass measures, in column order (``flowclass features``)."""
    return [Feature(*f) for f in _flowclass.features(first_n)]
