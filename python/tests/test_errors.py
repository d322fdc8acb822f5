"""A capture that cannot be read raises CaptureError with the command line's message, after the
other captures were read as the command line reads them; a bad model raises ModelError with the
command line's message."""

import gzip
import shutil
import warnings

import pytest

import flowclass

from conftest import ROOT


@pytest.fixture
def mixed_inputs(tmp_path):
    """A good capture, the same capture cut short (a real capture, truncated), and a file that is
    no capture at all, in one directory; the directory and the files are given by name."""
    good = tmp_path / "good.pcap"
    shutil.copy(ROOT / "tests/data/http-curl.pcap", good)
    whole = gzip.decompress((ROOT / "datasets/websocket/mqttws_mosquitto_paho_9001.pcap.gz").read_bytes())
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    text = tmp_path / "notes.pcap"
    text.write_text("not a capture\n")
    return [good, cut, text]


def failure_lines(stderr):
    """The CLI's lines about failed captures (its summary line aside)."""
    return [line.removeprefix("flowclass: ") for line in stderr.splitlines()
            if line.startswith("flowclass: ") and " captures, " not in line]


def test_a_bad_capture_raises_the_cli_message_and_the_others_are_read(cli, mixed_inputs):
    done = cli.run("classify", "--format", "csv", *mixed_inputs, ok=(1,))
    expected = failure_lines(done.stderr)
    assert len(expected) == 2, done.stderr
    assert any("ends in the middle" in line and "flows read before it were kept" in line
               for line in expected)
    assert any("not a pcap or pcapng capture" in line for line in expected)
    with pytest.raises(flowclass.CaptureError) as raised:
        flowclass.classify(mixed_inputs)
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).splitlines() == expected
    assert raised.value.failures == expected
    # The flows the CLI printed, from the good capture and the part of the cut one it read.
    printed = [line.split(",")[0] for line in done.stdout.splitlines()[1:]]
    table = raised.value.table
    assert table.column("capture").to_pylist() == printed
    assert {str(mixed_inputs[0]), str(mixed_inputs[1])} == set(printed)


def test_errors_warn_returns_the_table_and_warns_with_the_cli_message(cli, mixed_inputs):
    done = cli.run("extract", *mixed_inputs, ok=(1,))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = flowclass.extract(mixed_inputs, errors="warn")
    assert [str(w.message) for w in caught] == failure_lines(done.stderr)
    assert table.num_rows == len(done.stdout.splitlines()) - 1


def test_no_captures_at_all_is_an_error_as_in_the_cli(cli, tmp_path):
    (tmp_path / "readme.txt").write_text("nothing here\n")
    done = cli.run("classify", tmp_path, ok=(1,))
    with pytest.raises(flowclass.CaptureError) as raised:
        flowclass.classify(tmp_path)
    assert f"flowclass: {raised.value}" in done.stderr


@pytest.mark.parametrize("content", ['{"format": "flowclass-model", "version": 1', "[1, 2]", ""])
def test_a_bad_model_raises_model_error_with_the_cli_message(cli, tmp_path, content):
    model = tmp_path / "model.json"
    model.write_text(content)
    done = cli.run("classify", "--model", model, "tests/data/http-curl.pcap", ok=(1,))
    with pytest.raises(flowclass.ModelError) as raised:
        flowclass.Model.load(model)
    assert done.stderr.strip() == f"flowclass: {raised.value}"
    with pytest.raises(flowclass.ModelError):
        flowclass.classify("tests/data/http-curl.pcap", model=model)
