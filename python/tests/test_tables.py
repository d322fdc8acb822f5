"""extract and classify return the rows the command line prints, typed: the same columns in the
same order, the same flows in the same order, the same values."""

import math
import pathlib

import pyarrow as pa
import pytest

import flowclass

# Captures of each class and a pcapng, and a directory whose layout gives labels.
CAPTURES = [
    "datasets/http",
    "datasets/websocket/mqttws_mosquitto_paho_9001.pcap.gz",
    "datasets/websocket/socketio_node_v6_3000.pcapng.gz",
    "tests/data/http-curl.pcapng",
]


def micros(text):
    """A CSV time (seconds with six decimals) as integer microseconds, without float rounding."""
    seconds, _, fraction = text.partition(".")
    return int(seconds) * 1_000_000 + int(fraction.ljust(6, "0"))


def assert_same(table, header, rows):
    """Every cell of `table` equals the CLI's CSV cell: text as text, integers exactly, times to
    the microsecond, floats exactly as the CSV prints them (the shortest text that reads back to
    the same float)."""
    assert table.column_names == header
    assert table.num_rows == len(rows)
    for i, name in enumerate(header):
        column = table.column(name)
        kind = column.type
        printed = [row[i] for row in rows]
        if pa.types.is_timestamp(kind):
            assert kind.unit == "us" and kind.tz == "UTC", name
            assert column.cast(pa.int64()).to_pylist() == [micros(t) for t in printed], name
        elif pa.types.is_floating(kind):
            values = column.to_pylist()
            assert len(values) == len(printed)
            for value, text in zip(values, printed):
                assert value == float(text) or (math.isnan(value) and text.lower() == "nan"), (
                    name, value, text)
        elif pa.types.is_integer(kind):
            assert column.to_pylist() == [int(t) for t in printed], name
        else:
            assert [v if v is not None else "" for v in column.to_pylist()] == printed, name


def test_extract_equals_the_cli_csv(cli):
    header, rows = cli.rows("extract", "-q", *CAPTURES)
    table = flowclass.extract(CAPTURES)
    assert len(rows) > 1000, "the captures hold many flows"
    assert_same(table, header, rows)
    names = [f.name for f in flowclass.features()]
    assert header[10:] == names, "features() lists extract's feature columns in order"


def test_extract_labels_come_from_the_directory_layout_as_in_the_cli(cli):
    header, rows = cli.rows("extract", "-q", "--first-n", "4", "datasets")
    table = flowclass.extract("datasets", first_n=4)
    assert header[-1] == "label"
    assert_same(table, header, rows)
    assert set(table.column("label").to_pylist()) >= {"bittorrent", "http", "websocket"}
    fixed = flowclass.extract(pathlib.Path("tests/data/http-curl.pcap"), label="mine")
    assert set(fixed.column("label").to_pylist()) == {"mine"}


def test_classify_equals_the_cli_with_the_built_in_model(cli):
    header, rows = cli.rows("classify", "-q", "--format", "csv", "datasets")
    table = flowclass.classify("datasets")
    conf = header.index("confidence")
    # The CSV prints confidence with four decimals.
    assert [f"{c:.4f}" for c in table.column("confidence").to_pylist()] == [r[conf] for r in rows]
    exact = [n for n in header if n != "confidence"]
    assert_same(table.select(exact), exact,
                [[v for i, v in enumerate(r) if i != conf] for r in rows])
    assert table.column_names == header
    assert len(set(table.column("label").to_pylist())) >= 3


def test_classify_options_mirror_the_cli(cli, tmp_path):
    model = tmp_path / "forest.json"
    cli.run("train", "-q", "--algorithm", "forest", "--trees", "7", "--labels",
            "datasets/labels.csv", "-o", model, "datasets/http", "datasets/websocket")
    header, rows = cli.rows("classify", "-q", "--format", "csv", "--model", model,
                            "--first-payload-packets", "3", "--min-confidence", "0.9",
                            *CAPTURES)
    table = flowclass.classify(CAPTURES, model=str(model), first_payload_packets=3,
                               min_confidence=0.9)
    labels = table.column("label").to_pylist()
    assert labels == [r[header.index("label")] for r in rows]
    assert "unknown" in labels, "min_confidence 0.9 leaves some flows unknown"
    # The same model object gives the same table.
    loaded = flowclass.Model.load(model)
    assert flowclass.classify(CAPTURES, loaded, first_payload_packets=3,
                              min_confidence=0.9).equals(table)


def test_tunnels_are_opened_or_not_as_on_the_command_line(cli):
    vxlan = "tests/data/tunnels/vxlan-underlay.pcap"
    # Off, the tunnel's packets are UDP flows to VXLAN's port between the underlay's addresses;
    # on, the flows are the overlay's (HTTP on TCP and a UDP exchange).
    outer = flowclass.extract(vxlan, decapsulate="none")
    assert set(outer.column("dst_port").to_pylist()) == {4789}
    inner = flowclass.extract(vxlan)
    assert 4789 not in inner.column("dst_port").to_pylist()
    assert not set(inner.column("src_ip").to_pylist()) & set(outer.column("src_ip").to_pylist())
    for flags, options in [
        ([], {}),
        (["--decapsulate", "none"], {"decapsulate": "none"}),
        (["--vxlan-ports", "1"], {"tunnel_ports": {"vxlan": [1]}}),
        (["--vxlan-ports", "4789", "--gtpu-ports", "9"],
         {"tunnel_ports": {"vxlan": [4789], "gtpu": [9]}}),
    ]:
        header, rows = cli.rows("extract", "-q", *flags, vxlan)
        assert_same(flowclass.extract(vxlan, **options), header, rows)
        header, rows = cli.rows("classify", "-q", "--format", "csv", *flags, vxlan)
        labels = flowclass.classify(vxlan, **options).column("label").to_pylist()
        assert labels == [r[header.index("label")] for r in rows], flags
    assert flowclass.extract(vxlan, tunnel_ports={"vxlan": [1]}).equals(outer), (
        "VXLAN on another port leaves port 4789 a UDP flow")


def test_tables_convert_to_pandas_and_polars():
    table = flowclass.classify("tests/data/http-curl.pcap")
    frame = table.to_pandas()
    assert list(frame.columns) == table.column_names and len(frame) == table.num_rows
    assert str(frame["start"].dt.tz) == "UTC"
    polars = pytest.importorskip("polars")
    assert polars.from_arrow(table).shape == (table.num_rows, table.num_columns)


def test_bad_arguments_are_refused_before_any_work():
    with pytest.raises(ValueError, match="min_confidence must be between 0 and 1"):
        flowclass.classify("datasets", min_confidence=2)
    with pytest.raises(ValueError, match="first_packets must be at least 1"):
        flowclass.extract("datasets", first_packets=0)
    with pytest.raises(ValueError, match='errors must be "raise" or "warn"'):
        flowclass.extract("datasets", errors="ignore")
    with pytest.raises(TypeError):
        flowclass.extract(42)
    with pytest.raises(ValueError, match='decapsulate must be "all" or "none"'):
        flowclass.extract("datasets", decapsulate="some")
    with pytest.raises(ValueError, match="tunnel_ports names"):
        flowclass.classify("datasets", tunnel_ports={"l2tp": [1701]})
    with pytest.raises(ValueError, match="at most 4 ports, none of them 0"):
        flowclass.extract("datasets", tunnel_ports={"geneve": [0]})
    with pytest.raises(ValueError, match="at most 4 ports"):
        flowclass.Model.default().evaluate("datasets", tunnel_ports={"gtpu": [1, 2, 3, 4, 5]})
