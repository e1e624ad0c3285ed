"""Optional transformer sentiment: an ONNX classifier read from a local directory.

A model directory holds ``model.onnx`` (a sequence classifier, e.g. exported from
Hugging Face with ``optimum-cli export onnx``), ``tokenizer.json`` (a Hugging Face
``tokenizers`` file) and ``config.json`` (whose ``id2label`` names the classes).
:class:`TransformerBackend` runs it with ONNX Runtime on the CPU and answers like
:func:`socialroadmap.engine.sentiment.analyze`: a :class:`Sentiment` whose score is
P(positive) - P(negative). Nothing is ever downloaded. onnxruntime and tokenizers are
imported only when a backend is loaded (``pip install 'socialroadmap[transformer]'``),
so importing this module costs nothing without them. See ``docs/sentiment-model-card.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from threading import Lock
from typing import Any

from socialroadmap.engine.sentiment.model import LABELS, Label, Sentiment

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "config.json"
INSTALL_HINT = "pip install 'socialroadmap[transformer]'"
BATCH_SIZE = 32
DEFAULT_MAX_LENGTH = 512
FED_INPUTS = ("input_ids", "attention_mask", "token_type_ids")

_NAMES: dict[str, Label] = {
    "negative": "negative",
    "neg": "negative",
    "very negative": "negative",
    "neutral": "neutral",
    "neu": "neutral",
    "positive": "positive",
    "pos": "positive",
    "very positive": "positive",
}
_STARS = re.compile(r"([1-5]) ?stars?")
_STAR_LABELS: tuple[Label, ...] = ("negative", "negative", "neutral", "positive", "positive")
# RoBERTa-family models number positions from padding_idx + 1, so the first two of
# their max_position_embeddings can never hold a token.
_POSITION_OFFSET = {"roberta": 2, "xlm-roberta": 2, "camembert": 2}


class TransformerError(ValueError):
    """A model directory that is missing, incomplete, or not a sentiment classifier."""


def sentiment_of_label(name: str) -> Label | None:
    """The sentiment a class name stands for, case-insensitively, or None if it names none.

    Accepts negative/neg, neutral/neu, positive/pos (also "very negative"/"very
    positive") and star ratings: "1 star" and "2 stars" are negative, "3 stars" neutral,
    "4 stars" and "5 stars" positive. Generic names such as ``LABEL_0`` mean nothing.
    """
    key = " ".join(re.split(r"[\s_-]+", name.strip().lower()))
    stars = _STARS.fullmatch(key)
    if stars:
        return _STAR_LABELS[int(stars.group(1)) - 1]
    return _NAMES.get(key)


class TransformerBackend:
    """A sentiment classifier from a local directory, run by ONNX Runtime on the CPU.

    ``threads`` is ONNX Runtime's intra-op thread count; the default of one makes a
    backend behave like one worker. Texts are tokenised one by one (no tokenizers
    thread pool, which also misbehaves after a fork) and run ``batch_size`` at a time,
    padded to the longest text of the batch and truncated to ``max_length`` tokens.
    """

    def __init__(
        self, model_dir: str | Path, *, threads: int = 1, batch_size: int = BATCH_SIZE
    ) -> None:
        if threads < 1 or batch_size < 1:
            raise ValueError("threads and batch_size must be at least 1")
        directory = Path(model_dir)
        _check_files(directory)
        config_path = directory / CONFIG_FILE
        config = _read_config(config_path)
        self.model_dir = directory
        self.labels = _class_labels(config, config_path)
        self.max_length = _max_length(config, config_path)
        self.batch_size = batch_size
        ort, tokenizers, self._np = _runtime()
        self._tokenizer, self._pad_id = _load_tokenizer(
            tokenizers, directory / TOKENIZER_FILE, self.max_length, config
        )
        self._session = _open_session(ort, directory / MODEL_FILE, threads)
        self._inputs = _graph_inputs(self._session, len(self.labels), directory / MODEL_FILE)
        self._output: str = self._session.get_outputs()[0].name
        # Class probabilities times this 0/1 matrix give P(negative), P(neutral),
        # P(positive): a 5-star model adds its two lowest and two highest classes.
        self._to_sentiment = self._np.zeros((len(self.labels), len(LABELS)))
        for index, label in enumerate(self.labels):
            self._to_sentiment[index, LABELS.index(label)] = 1.0

    def __repr__(self) -> str:
        return f"TransformerBackend({str(self.model_dir)!r}, labels={self.labels!r})"

    def analyze(self, text: str, lang: str) -> Sentiment:
        """Sentiment of one post; ``lang`` is accepted for the engine's interface and
        ignored (a transformer model reads whatever languages it was trained on)."""
        return self.analyze_many([text], lang)[0]

    def analyze_many(self, texts: Sequence[str], langs: Sequence[str] | str) -> list[Sentiment]:
        """Sentiment of many posts, run in batches; ``langs`` is one language for all or
        one per text, checked like :func:`~socialroadmap.engine.sentiment.analyze_many`."""
        if not isinstance(langs, str) and len(langs) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
        out: list[Sentiment] = []
        for start in range(0, len(texts), self.batch_size):
            out.extend(self._score_batch(texts[start : start + self.batch_size]))
        return out

    def _score_batch(self, texts: Sequence[str]) -> list[Sentiment]:
        np = self._np
        encodings = [self._tokenizer.encode(text) for text in texts]
        width = max(1, max(len(encoding.ids) for encoding in encodings))
        ids = np.full((len(texts), width), self._pad_id, dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            ids[row, :length] = encoding.ids
            mask[row, :length] = encoding.attention_mask
            types[row, :length] = encoding.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        logits = self._session.run([self._output], {name: feed[name] for name in self._inputs})[0]
        if logits.shape != (len(texts), len(self.labels)):
            raise TransformerError(
                f"{self.model_dir / MODEL_FILE}: gave scores of shape {logits.shape}, "
                f"expected ({len(texts)}, {len(self.labels)})"
            )
        logits = logits.astype(np.float64)
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs = (exp / exp.sum(axis=1, keepdims=True)) @ self._to_sentiment
        return [
            # Text with no tokens at all (empty, or no special tokens to add) says nothing.
            Sentiment(LABELS[int(p.argmax())], float(p[2] - p[0]))
            if encoding.ids
            else Sentiment("neutral", 0.0)
            for p, encoding in zip(probs, encodings, strict=True)
        ]


_backends: dict[Path, TransformerBackend] = {}
_lock = Lock()


def load_backend(path: str | Path) -> TransformerBackend:
    """The backend for a model directory, loaded once per process and resolved path."""
    key = Path(path).resolve()
    backend = _backends.get(key)
    if backend is None:
        with _lock:
            backend = _backends.get(key)
            if backend is None:
                backend = TransformerBackend(key)
                _backends[key] = backend
    return backend


def _check_files(directory: Path) -> None:
    if not directory.is_dir():
        raise TransformerError(f"{directory}: no such model directory")
    missing = [
        name
        for name in (MODEL_FILE, TOKENIZER_FILE, CONFIG_FILE)
        if not (directory / name).is_file()
    ]
    if missing:
        raise TransformerError(f"{directory}: missing {', '.join(missing)}")


def _read_config(path: Path) -> dict[str, Any]:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TransformerError(f"{path}: not a readable JSON file ({exc})") from exc
    if not isinstance(config, dict):
        raise TransformerError(f"{path}: expected a JSON object")
    return config


def _class_labels(config: Mapping[str, Any], path: Path) -> tuple[Label, ...]:
    id2label = config.get("id2label")
    if not isinstance(id2label, dict) or not id2label:
        raise TransformerError(f"{path}: needs an 'id2label' object naming the model's classes")
    try:
        names = {int(key): str(value) for key, value in id2label.items()}
    except ValueError:
        raise TransformerError(f"{path}: 'id2label' keys must be class numbers") from None
    if sorted(names) != list(range(len(names))):
        raise TransformerError(f"{path}: 'id2label' must number its classes 0 to {len(names) - 1}")
    mapped = [(names[i], sentiment_of_label(names[i])) for i in range(len(names))]
    unknown = [name for name, label in mapped if label is None]
    if unknown:
        raise TransformerError(
            f"{path}: 'id2label' names {unknown}, which are not negative/neutral/positive "
            "(or '1 star'..'5 stars'); generic names like LABEL_0 say nothing, so rename "
            "the classes in id2label to what they mean"
        )
    labels = tuple(label for _, label in mapped if label is not None)
    if "negative" not in labels or "positive" not in labels:
        raise TransformerError(f"{path}: 'id2label' needs a negative and a positive class")
    return labels


def _max_length(config: Mapping[str, Any], path: Path) -> int:
    for field in ("max_length", "max_position_embeddings"):
        value = config.get(field)
        if value is None:
            continue
        if type(value) is not int or value < 1:
            raise TransformerError(f"{path}: {field!r} must be a positive whole number")
        if field == "max_position_embeddings":
            value -= _POSITION_OFFSET.get(str(config.get("model_type")), 0)
        return max(1, value)
    return DEFAULT_MAX_LENGTH


def _runtime() -> tuple[Any, Any, Any]:
    """onnxruntime, tokenizers and numpy (which onnxruntime needs), imported on demand."""
    try:
        import numpy
        import onnxruntime
        import tokenizers
    except ImportError as exc:
        raise ImportError(
            f"the transformer sentiment backend needs onnxruntime and tokenizers: {INSTALL_HINT}"
        ) from exc
    return onnxruntime, tokenizers, numpy


def _load_tokenizer(
    tokenizers: Any, path: Path, max_length: int, config: Mapping[str, Any]
) -> tuple[Any, int]:
    try:
        tokenizer = tokenizers.Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises a bare Exception for a bad file
        raise TransformerError(f"{path}: not a tokenizers file ({exc})") from exc
    padding = tokenizer.padding
    if padding is not None:
        pad_id = int(padding["pad_id"])
    elif type(config.get("pad_token_id")) is int:
        pad_id = config["pad_token_id"]
    else:
        pad_id = 0
    # The backend pads each batch itself; a file's own padding is often to a fixed length.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    return tokenizer, pad_id


def _open_session(ort: Any, path: Path, threads: int) -> Any:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3  # errors only: exported graphs often trigger warnings
    try:
        return ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # ONNX Runtime raises its own, unexported exception types
        raise TransformerError(f"{path}: ONNX Runtime cannot load it ({exc})") from exc


def _graph_inputs(session: Any, classes: int, path: Path) -> tuple[str, ...]:
    """The inputs the graph declares, checked against what the backend can feed it."""
    names = tuple(node.name for node in session.get_inputs())
    unknown = [name for name in names if name not in FED_INPUTS]
    if "input_ids" not in names or unknown:
        raise TransformerError(
            f"{path}: inputs {list(names)} are not a text classifier's "
            f"(expected input_ids, optionally attention_mask and token_type_ids)"
        )
    shape = session.get_outputs()[0].shape
    if len(shape) != 2 or (isinstance(shape[1], int) and shape[1] != classes):
        raise TransformerError(
            f"{path}: first output has shape {shape}, expected [batch, {classes}] "
            f"for the {classes} classes of id2label"
        )
    return names
