"""Settings precedence: defaults → zhbrief.toml → ZHBRIEF_* → flags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zhbrief.config import Settings, config_path, load_settings
from zhbrief.errors import UsageError


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zhbrief.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file_env_or_flags(tmp_path: Path) -> None:
    assert load_settings({}, env={}, cwd=tmp_path) == Settings()


def test_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    write_config(tmp_path, 'summarizer = "lsa"\nsentences = 2\nbeam_size = 2\noutput = "briefs"\n')
    env = {"ZHBRIEF_SENTENCES": "3", "ZHBRIEF_BEAM_SIZE": "5"}
    s = load_settings({"beam_size": 6, "summarizer": None}, env=env, cwd=tmp_path)
    assert s.summarizer == "lsa"  # file only
    assert s.sentences == 3  # env beats file
    assert s.beam_size == 6  # flag beats env
    assert s.output == tmp_path / "briefs"  # relative to the config file's folder


def test_config_file_named_by_env_and_zhbrief_table(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[zhbrief]\ninput = "news"\ndownload = false\n', encoding="utf-8")
    s = load_settings({}, env={"ZHBRIEF_CONFIG": str(path)}, cwd=tmp_path)
    assert s.input == tmp_path / "news"
    assert s.download is False


def test_env_booleans(tmp_path: Path) -> None:
    assert load_settings({}, env={"ZHBRIEF_DOWNLOAD": "no"}, cwd=tmp_path).download is False


def test_unknown_key_names_the_file_and_the_known_keys(tmp_path: Path) -> None:
    path = write_config(tmp_path, "summariser = 'lsa'\n")
    with pytest.raises(
        UsageError,
        match=r"zhbrief.toml: unknown setting 'summariser'; known settings: .*summarizer",
    ):
        load_settings({}, env={}, cwd=tmp_path)
    assert path.exists()


def test_bad_values_are_usage_errors(tmp_path: Path) -> None:
    write_config(tmp_path, "sentences = 'many'\n")
    with pytest.raises(UsageError, match="'many' is not a valid value for sentences"):
        load_settings({}, env={}, cwd=tmp_path)
    with pytest.raises(UsageError, match="Unknown summarizer 'bart'"):
        load_settings({"summarizer": "bart"}, env={}, cwd=tmp_path / "none")


def test_invalid_toml(tmp_path: Path) -> None:
    write_config(tmp_path, "sentences = = 3\n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_settings({}, env={}, cwd=tmp_path)


def test_run_switches_cannot_be_pinned_in_the_file(tmp_path: Path) -> None:
    write_config(tmp_path, "force = true\n")
    with pytest.raises(UsageError, match="unknown setting 'force'"):
        load_settings({}, env={}, cwd=tmp_path)


def test_formats_and_base_url_from_the_config_file(tmp_path: Path) -> None:
    write_config(tmp_path, 'formats = "md"\nbase_url = "https://briefs.example.org/"\n')
    s = load_settings({}, env={}, cwd=tmp_path)
    assert s.formats == "md" and s.base_url == "https://briefs.example.org/"
    assert Settings().formats == "md,html"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            {"formats": "html"},
            "Unknown formats 'html': give md or md,html (Markdown is the record, always on).",
        ),
        (
            {"formats": "md,pdf"},
            "Unknown formats 'md,pdf': give md or md,html (Markdown is the record, always on).",
        ),
        (
            {"base_url": "javascript:alert(1)"},
            "base_url 'javascript:alert(1)' must start with http:// or https://.",
        ),
    ],
)
def test_bad_formats_and_base_url_are_usage_errors(
    tmp_path: Path, flags: dict[str, str], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        load_settings(flags, env={}, cwd=tmp_path)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"threads": 100000}, "threads (--threads) must be from 0 to 64; got 100,000."),
        ({"beam_size": 100000}, "beam_size (--beam-size) must be from 1 to 16; got 100,000."),
        ({"beam_size": 0}, "beam_size (--beam-size) must be from 1 to 16; got 0."),
        ({"sentences": 0}, "sentences (--sentences) must be from 1 to 100; got 0."),
        ({"max_bytes": 10**12}, "max_bytes (--max-bytes) must be from 1 to 100,000,000; got"),
        ({"ratio": 1.5}, "ratio (--ratio) must be above 0 and at most 1; got 1.5."),
        ({"compute_type": "int3"}, "compute_type 'int3' is not one of auto, default, int8,"),
    ],
)
def test_out_of_range_settings_name_the_allowed_range(
    tmp_path: Path, flags: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        load_settings(flags, env={}, cwd=tmp_path)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("max_bytes = 1e99", "1e+99 is not a valid value for max_bytes (a whole number)"),
        ("beam_size = 3.7", "3.7 is not a valid value for beam_size (a whole number)"),
        ("threads = true", "True is not a valid value for threads (a whole number)"),
        ('output = ["a"]', "['a'] is not a valid value for output (a path)"),
        ("ratio = nan", "nan is not a valid value for ratio (a number)"),
        ("summarizer = 5", "5 is not a valid value for summarizer (text)"),
        ('beam_size = "4"', "'4' is not a valid value for beam_size (a whole number)"),
        ('ratio = "0.5"', "'0.5' is not a valid value for ratio (a number)"),
        ('download = "no"', "'no' is not a valid value for download (true or false)"),
        ("output = 5", "5 is not a valid value for output (a path)"),
    ],
)
def test_wrong_types_in_the_file_are_refused_not_cut(tmp_path: Path, line: str, shown: str) -> None:
    write_config(tmp_path, line + "\n")
    with pytest.raises(UsageError) as caught:
        load_settings({}, env={}, cwd=tmp_path)
    assert str(caught.value).endswith(f"zhbrief.toml: {line.split()[0]}: {shown}.")


def test_environment_numbers_are_whole(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"ZHBRIEF_BEAM_SIZE: '3.7' is not a valid value"):
        load_settings({}, env={"ZHBRIEF_BEAM_SIZE": "3.7"}, cwd=tmp_path)
    assert load_settings({}, env={"ZHBRIEF_BEAM_SIZE": "3"}, cwd=tmp_path).beam_size == 3


def test_device_from_file_env_argos_variable_and_flag(tmp_path: Path) -> None:
    argos = {"ARGOS_DEVICE_TYPE": "CUDA"}
    assert load_settings({}, env=argos, cwd=tmp_path).device == "cuda"  # we are silent
    assert load_settings({}, env={**argos, "ZHBRIEF_DEVICE": "cpu"}, cwd=tmp_path).device == "cpu"
    write_config(tmp_path, "device = 'cpu'\nscheduler = 'tcp://10.0.0.5:8786'\ninter_threads = 2\n")
    s = load_settings({}, env=argos, cwd=tmp_path)
    assert (s.device, s.scheduler, s.inter_threads) == ("cpu", "tcp://10.0.0.5:8786", 2)
    assert load_settings({"device": "auto"}, env=argos, cwd=tmp_path).device == "auto"


def test_scale_settings_are_checked(tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"^Unknown device 'gpu'; choose one of auto, cpu, cuda\.$"
    ):
        load_settings({"device": "gpu"}, env={}, cwd=tmp_path)
    with pytest.raises(UsageError, match=r"^compute_type 'fp8' is not one of auto, "):
        load_settings({"compute_type": "fp8"}, env={}, cwd=tmp_path)
    with pytest.raises(
        UsageError, match=r"^workers \(--workers\) must be from 0 to 1,024; got -1\.$"
    ):
        load_settings({"workers": -1}, env={}, cwd=tmp_path)
    with pytest.raises(UsageError, match=r"Give --workers .* or --scheduler, not both"):
        load_settings({"workers": 2, "scheduler": "tcp://h:8786"}, env={}, cwd=tmp_path)
    with pytest.raises(UsageError, match="'h:8786' is not a Dask scheduler address"):
        load_settings({"scheduler": "h:8786"}, env={}, cwd=tmp_path)
    write_config(tmp_path, "workers = 4\n")  # a per-run choice, like --force
    with pytest.raises(UsageError, match="unknown setting 'workers'"):
        load_settings({}, env={}, cwd=tmp_path)


def test_user_config_in_xdg_config_home_when_no_local_file(tmp_path: Path) -> None:
    user = tmp_path / "xdg" / "zhbrief"
    user.mkdir(parents=True)
    (user / "config.toml").write_text('output = "briefs"\nbeam_size = 2\n', encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    work = tmp_path / "work"
    work.mkdir()
    s = load_settings({}, env=env, cwd=work)
    assert (s.beam_size, s.output) == (2, user / "briefs")
    assert config_path(env=env, cwd=work) == user / "config.toml"
    write_config(work, "beam_size = 3\n")  # ./zhbrief.toml comes first
    assert load_settings({}, env=env, cwd=work).beam_size == 3
    assert config_path(env=env, cwd=work) == work / "zhbrief.toml"


def test_paths_in_a_config_file_resolve_against_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "news.toml"
    path.parent.mkdir()
    path.write_text(
        'input = "in"\noutput = "/srv/out"\nlog_file = "../log/z.log"\nmodel = "m.argosmodel"\n',
        encoding="utf-8",
    )
    s = load_settings({}, config=path, env={}, cwd=tmp_path / "elsewhere")
    assert s.input == tmp_path / "etc" / "in"
    assert s.output == Path("/srv/out")
    assert s.log_file == tmp_path / "etc" / ".." / "log" / "z.log"
    assert s.model == tmp_path / "etc" / "m.argosmodel"
    flagged = load_settings({"input": Path("here")}, config=path, env={})
    assert flagged.input == Path("here")  # a flag stays relative to where zhbrief runs


def test_sentences_and_ratio_in_one_layer_conflict(tmp_path: Path) -> None:
    path = write_config(tmp_path, "sentences = 2\nratio = 0.5\n")
    with pytest.raises(UsageError) as err:
        load_settings({}, env={}, cwd=tmp_path)
    assert str(err.value) == (
        f"{path}: --sentences (-n) and --ratio both set the summary length; give only one."
    )


def test_a_later_layer_length_replaces_the_other_kind(tmp_path: Path) -> None:
    write_config(tmp_path, "sentences = 2\n")
    s = load_settings({"ratio": 0.5}, env={}, cwd=tmp_path)
    assert (s.sentences, s.ratio) == (None, 0.5)
    s = load_settings({}, env={"ZHBRIEF_RATIO": "0.3"}, cwd=tmp_path)
    assert (s.sentences, s.ratio) == (None, 0.3)


def test_fetch_urls_file_resolves_against_the_config_folder(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "zhbrief.toml"
    path.parent.mkdir()
    path.write_text('[fetch]\nurls_file = "urls.txt"\n', encoding="utf-8")
    s = load_settings({}, config=path, env={})
    assert s.fetch.urls_file == tmp_path / "etc" / "urls.txt"


def test_an_unsearchable_config_folder_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "xdg"
    (home / "zhbrief").mkdir(parents=True)
    (home / "zhbrief" / "config.toml").write_text("beam_size = 2\n", encoding="utf-8")
    real_lstat = os.lstat

    def denied(path: object) -> os.stat_result:  # root searches through chmod 000: fake it
        if home in Path(str(path)).parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real_lstat(str(path))

    monkeypatch.setattr("zhbrief.config_files.os.lstat", denied)
    with pytest.raises(UsageError) as caught:
        load_settings({}, env={"XDG_CONFIG_HOME": str(home)}, cwd=tmp_path)
    assert str(caught.value) == (
        f"Cannot look for {home}/zhbrief/config.toml: Permission denied in {home}/zhbrief; "
        "make the folder readable, or name a config file with --config or ZHBRIEF_CONFIG."
    )
    # named explicitly, the folder is not looked into at all
    config = tmp_path / "mine.toml"
    config.write_text("beam_size = 3\n", encoding="utf-8")
    assert (
        load_settings(
            {}, env={"XDG_CONFIG_HOME": str(home), "ZHBRIEF_CONFIG": str(config)}, cwd=tmp_path
        ).beam_size
        == 3
    )


def test_an_unreadable_config_file_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(tmp_path, "beam_size = 2\n")
    real_open = os.open

    def denied(path: object, *args: int) -> int:  # root reads through chmod 000: fake it
        if Path(str(path)) == config:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("zhbrief.places.os.open", denied)
    with pytest.raises(UsageError) as caught:
        load_settings({}, env={}, cwd=tmp_path)
    assert str(caught.value) == (
        f"Config file {config}: cannot be read (permission denied); fix the path, or name another "
        "file with --config or ZHBRIEF_CONFIG."
    )


def test_a_config_file_that_is_not_text_or_too_big(tmp_path: Path) -> None:
    config = tmp_path / "zhbrief.toml"
    config.write_bytes("beam_size = 2 # 束".encode("gbk"))
    with pytest.raises(UsageError, match=r"zhbrief.toml: not UTF-8 text; save it as UTF-8\.$"):
        load_settings({}, env={}, cwd=tmp_path)
    config.write_bytes(b"# " + b"x" * 1_000_000)
    with pytest.raises(UsageError, match=r"zhbrief.toml: larger than 1,000,000 bytes; fix"):
        load_settings({}, env={}, cwd=tmp_path)


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("garbage://x", "it must start with tcp://, tls://, ws://, wss://"),
        ("tcp://127.0.0.1:notaport", "its port is not a number from 1 to 65535"),
        ("tcp://h:99999", "its port is not a number from 1 to 65535"),
        ("tcp://h", "its port is missing (1 to 65535; dask scheduler listens on 8786)"),
        ("tcp://:8786", "give a host and a port, nothing after them"),
        ("tcp://h:8786/x", "give a host and a port, nothing after them"),
    ],
)
def test_a_scheduler_address_dask_could_not_use(tmp_path: Path, address: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        load_settings({}, env={"ZHBRIEF_SCHEDULER": address}, cwd=tmp_path)
    assert str(caught.value) == (
        f"scheduler (--scheduler) {address!r} is not a Dask scheduler address like "
        f"tcp://HOST:8786: {problem}."
    )
    for good in ("tcp://127.0.0.1:8786", "tls://[::1]:8786", "ws://h:1"):
        assert load_settings({"scheduler": good}, env={}, cwd=tmp_path).scheduler == good


@pytest.mark.parametrize(
    ("epoch", "problem"),
    [
        ("99999999999999", "after the year 9999 (at most 253402300799)"),
        ("253402300800", "after the year 9999 (at most 253402300799)"),
        ("-1", "not a whole number of seconds since 1970-01-01"),
        ("1.5", "not a whole number of seconds since 1970-01-01"),
        ("²", "not a whole number of seconds since 1970-01-01"),
        ("9" * 5000, "after the year 9999 (at most 253402300799)"),
    ],
)
def test_source_date_epoch_out_of_range(tmp_path: Path, epoch: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        load_settings({}, env={"SOURCE_DATE_EPOCH": epoch}, cwd=tmp_path)
    assert str(caught.value) == f"SOURCE_DATE_EPOCH={epoch[:40]!r}: {problem}; unset it or fix it."
    assert load_settings({}, env={"SOURCE_DATE_EPOCH": "253402300799"}, cwd=tmp_path)
