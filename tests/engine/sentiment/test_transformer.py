"""The transformer backend, run on a tiny ONNX model and tokenizer these tests build.

The model averages a two-number embedding per word (positive evidence, negative
evidence) over the attention mask and turns it into class logits with one MatMul, so
"good", "great" and "love" read positive, "bad", "awful" and "hate" negative, and
anything else neutral, whatever the padding around it.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

from socialroadmap.engine.sentiment.transformer import (
    TransformerBackend,
    TransformerError,
    load_backend,
    sentiment_of_label,
)

POSITIVE_WORDS = ["good", "great", "love"]
NEGATIVE_WORDS = ["bad", "awful", "hate"]
VOCAB = [
    "[PAD]",
    "[UNK]",
    *POSITIVE_WORDS,
    *NEGATIVE_WORDS,
    *["the", "coffee", "was", "is", "shop", "opens", "at", "nine", "i", "it", "a"],
]
THREE_LABELS = {"0": "NEGATIVE", "1": "Neutral", "2": "positive"}
# Rows: positive and negative evidence; columns: the classes of THREE_LABELS.
THREE_WEIGHTS = [[0.0, 0.0, 8.0], [8.0, 0.0, 0.0]]
THREE_BIAS = [0.0, 1.0, 0.0]


def write_tokenizer(path: Path) -> None:
    tokenizer = Tokenizer(
        models.WordLevel({word: i for i, word in enumerate(VOCAB)}, unk_token="[UNK]")
    )
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    # A fixed padding length and a loose truncation, as exported files often carry:
    # the backend must pad per batch and truncate to the config's max length instead.
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]", length=24)
    tokenizer.enable_truncation(max_length=64)
    tokenizer.save(str(path))


def build_graph(
    weights: list[list[float]], bias: list[float], *, token_types: bool = False
) -> onnx.ModelProto:
    classes = len(bias)
    embeddings = np.zeros((len(VOCAB), 2), dtype=np.float32)
    for word in POSITIVE_WORDS:
        embeddings[VOCAB.index(word), 0] = 1.0
    for word in NEGATIVE_WORDS:
        embeddings[VOCAB.index(word), 1] = 1.0
    initializers = [
        numpy_helper.from_array(embeddings, "embeddings"),
        numpy_helper.from_array(np.array(weights, dtype=np.float32), "weights"),
        numpy_helper.from_array(np.array(bias, dtype=np.float32), "bias"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "tokens_axis"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "last_axis"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
    ]
    inputs = [
        helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "tokens"])
        for name in ("input_ids", "attention_mask")
    ]
    nodes = [helper.make_node("Gather", ["embeddings", "input_ids"], ["word_vectors"])]
    if token_types:
        inputs.append(
            helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch", "tokens"])
        )
        initializers.append(
            numpy_helper.from_array(np.zeros((2, 2), dtype=np.float32), "type_embeddings")
        )
        nodes += [
            helper.make_node("Gather", ["type_embeddings", "token_type_ids"], ["type_vectors"]),
            helper.make_node("Add", ["word_vectors", "type_vectors"], ["vectors"]),
        ]
    else:
        nodes.append(helper.make_node("Identity", ["word_vectors"], ["vectors"]))
    nodes += [
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask", "last_axis"], ["mask3"]),
        helper.make_node("Mul", ["vectors", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "tokens_axis"], ["total"], keepdims=0),
        helper.make_node("ReduceSum", ["mask", "tokens_axis"], ["count"], keepdims=1),
        helper.make_node("Max", ["count", "one"], ["safe_count"]),
        helper.make_node("Div", ["total", "safe_count"], ["mean"]),
        helper.make_node("MatMul", ["mean", "weights"], ["product"]),
        helper.make_node("Add", ["product", "bias"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-sentiment",
        inputs,
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", classes])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write_model(
    directory: Path,
    id2label: dict[str, str] = THREE_LABELS,
    weights: list[list[float]] = THREE_WEIGHTS,
    bias: list[float] = THREE_BIAS,
    *,
    token_types: bool = False,
    **config: object,
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    onnx.save(build_graph(weights, bias, token_types=token_types), directory / "model.onnx")
    write_tokenizer(directory / "tokenizer.json")
    (directory / "config.json").write_text(json.dumps({"id2label": id2label, **config}))
    return directory


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_model(tmp_path_factory.mktemp("model") / "tiny")


@pytest.fixture(scope="module")
def backend(model_dir: Path) -> TransformerBackend:
    return TransformerBackend(model_dir)


@pytest.fixture
def copy_of_model(model_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(model_dir, tmp_path / "copy"))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I love the coffee", "positive"),
        ("Great shop", "positive"),
        ("the coffee was AWFUL", "negative"),
        ("I hate it", "negative"),
        ("The shop opens at nine", "neutral"),
        ("zebra", "neutral"),
        ("", "neutral"),
    ],
)
def test_it_labels_posts_and_signs_their_scores(
    backend: TransformerBackend, text: str, label: str
) -> None:
    result = backend.analyze(text, "en")
    assert result.label == label
    assert -1.0 <= result.score <= 1.0
    if label == "positive":
        assert result.score > 0.5
    elif label == "negative":
        assert result.score < -0.5
    else:
        assert result.score == pytest.approx(0.0, abs=1e-6)


def test_a_padded_batch_gives_what_one_by_one_gives(model_dir: Path) -> None:
    backend = TransformerBackend(model_dir, batch_size=2)
    texts = [
        "good",
        "the coffee at the shop was bad but the shop is a good shop",
        "",
        "I hate it",
        "the coffee was great",
    ]
    batched = backend.analyze_many(texts, "nl")
    single = [backend.analyze(text, "nl") for text in texts]
    assert [s.label for s in batched] == [s.label for s in single]
    assert [s.score for s in batched] == pytest.approx([s.score for s in single], abs=1e-6)


def test_it_takes_one_language_per_text(backend: TransformerBackend) -> None:
    results = backend.analyze_many(["good coffee", "awful coffee"], ["en", "nl"])
    assert [r.label for r in results] == ["positive", "negative"]


def test_it_refuses_a_language_count_unlike_the_text_count(backend: TransformerBackend) -> None:
    with pytest.raises(ValueError, match="2 texts but 3 languages"):
        backend.analyze_many(["good", "bad"], ["en", "nl", "en"])


def test_it_feeds_token_type_ids_when_the_graph_declares_them(tmp_path: Path) -> None:
    backend = TransformerBackend(write_model(tmp_path / "bert", token_types=True))
    assert [r.label for r in backend.analyze_many(["good", "bad", "the"], "en")] == [
        "positive",
        "negative",
        "neutral",
    ]


def test_it_truncates_to_the_configured_max_length(tmp_path: Path) -> None:
    backend = TransformerBackend(write_model(tmp_path / "short", max_length=3))
    assert backend.max_length == 3
    assert backend.analyze("the coffee was good", "en").label == "neutral"
    assert backend.analyze("good coffee was the", "en").label == "positive"


def test_a_roberta_model_keeps_two_positions_for_its_offset(tmp_path: Path) -> None:
    directory = write_model(tmp_path / "roberta", max_position_embeddings=514, model_type="roberta")
    assert TransformerBackend(directory).max_length == 512


def test_a_two_label_model_never_says_neutral(tmp_path: Path) -> None:
    directory = write_model(
        tmp_path / "binary", {"0": "NEG", "1": "POS"}, [[0.0, 8.0], [8.0, 0.0]], [0.0, 0.0]
    )
    backend = TransformerBackend(directory)
    results = backend.analyze_many(["good coffee", "bad coffee", "the coffee"], "en")
    assert [r.label for r in results[:2]] == ["positive", "negative"]
    assert "neutral" not in {r.label for r in results}


def test_a_five_star_model_folds_its_stars_into_three_labels(tmp_path: Path) -> None:
    stars = {str(i): f"{i + 1} star{'s' if i else ''}" for i in range(5)}
    weights = [[0.0, 0.0, 0.0, 0.0, 8.0], [8.0, 0.0, 0.0, 0.0, 0.0]]
    backend = TransformerBackend(
        write_model(tmp_path / "stars", stars, weights, [0.0, 0.0, 1.0, 0.0, 0.0])
    )
    assert backend.labels == ("negative", "negative", "neutral", "positive", "positive")
    results = backend.analyze_many(["love it", "hate it", "the shop"], "de")
    assert [r.label for r in results] == ["positive", "negative", "neutral"]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("NEGATIVE", "negative"),
        ("neg", "negative"),
        ("Very_Negative", "negative"),
        ("neutral", "neutral"),
        ("NEU", "neutral"),
        ("Positive", "positive"),
        ("pos", "positive"),
        ("1 star", "negative"),
        ("2 stars", "negative"),
        ("3 stars", "neutral"),
        ("4 stars", "positive"),
        ("5 Stars", "positive"),
        ("LABEL_0", None),
        ("joy", None),
        ("6 stars", None),
    ],
)
def test_it_maps_class_names_case_insensitively(name: str, label: str | None) -> None:
    assert sentiment_of_label(name) == label


def test_load_backend_loads_a_directory_once(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_backend(model_dir)
    monkeypatch.chdir(model_dir.parent)
    assert load_backend(model_dir.name) is first
    assert load_backend(str(model_dir)) is first


def test_it_names_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(TransformerError, match="no such model directory") as error:
        TransformerBackend(tmp_path / "absent")
    assert str(tmp_path / "absent") in str(error.value)


@pytest.mark.parametrize("name", ["model.onnx", "tokenizer.json", "config.json"])
def test_it_names_a_missing_file(copy_of_model: Path, name: str) -> None:
    (copy_of_model / name).unlink()
    with pytest.raises(TransformerError, match=f"missing {name}") as error:
        TransformerBackend(copy_of_model)
    assert str(copy_of_model) in str(error.value)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"num_labels": 3}, "needs an 'id2label'"),
        (
            {"id2label": {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}},
            r"'id2label' names \['LABEL_0', 'LABEL_1', 'LABEL_2'\]",
        ),
        ({"id2label": {"0": "negative", "1": "joy", "2": "positive"}}, r"names \['joy'\]"),
        ({"id2label": {"0": "negative", "2": "positive"}}, "classes 0 to 1"),
        ({"id2label": {"a": "negative", "b": "positive"}}, "keys must be class numbers"),
        ({"id2label": {"0": "negative", "1": "neutral"}}, "needs a negative and a positive"),
        ({"id2label": THREE_LABELS, "max_length": "long"}, "'max_length' must be a positive"),
        ([1, 2, 3], "expected a JSON object"),
    ],
)
def test_it_explains_an_unusable_config(copy_of_model: Path, config: object, message: str) -> None:
    (copy_of_model / "config.json").write_text(json.dumps(config))
    with pytest.raises(TransformerError, match=message) as error:
        TransformerBackend(copy_of_model)
    assert str(copy_of_model / "config.json") in str(error.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("config.json", "{not json", "not a readable JSON file"),
        ("tokenizer.json", '{"version": "1.0"}', "not a tokenizers file"),
        ("model.onnx", "not a protobuf", "ONNX Runtime cannot load it"),
    ],
)
def test_it_explains_a_corrupt_file(
    copy_of_model: Path, name: str, content: str, message: str
) -> None:
    (copy_of_model / name).write_text(content)
    with pytest.raises(TransformerError, match=message) as error:
        TransformerBackend(copy_of_model)
    assert str(copy_of_model / name) in str(error.value)


def test_it_refuses_a_graph_whose_classes_differ_from_id2label(copy_of_model: Path) -> None:
    (copy_of_model / "config.json").write_text(json.dumps({"id2label": {"0": "neg", "1": "pos"}}))
    with pytest.raises(TransformerError, match=r"expected \[batch, 2\]"):
        TransformerBackend(copy_of_model)


def test_it_refuses_a_graph_that_asks_for_inputs_it_cannot_feed(copy_of_model: Path) -> None:
    graph = build_graph(THREE_WEIGHTS, THREE_BIAS)
    graph.graph.input.append(
        helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch", "tokens"])
    )
    onnx.save(graph, copy_of_model / "model.onnx")
    with pytest.raises(TransformerError, match="position_ids"):
        TransformerBackend(copy_of_model)


def test_it_says_how_to_install_the_runtime_when_it_is_missing(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ImportError, match=r"pip install 'socialroadmap\[transformer\]'"):
        TransformerBackend(model_dir)


def test_importing_the_module_imports_neither_runtime() -> None:
    code = (
        "import sys, socialroadmap.engine.sentiment.transformer\n"
        "print(sorted({'onnxruntime', 'tokenizers', 'numpy'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
