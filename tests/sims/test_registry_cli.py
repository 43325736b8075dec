"""The MODELS registry and the command line."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import flywheel_sims
from flywheel_sims import MODELS, cli

EXPECTED = {"learning_curve", "flywheel", "competition", "popularity", "privacy"}


def test_registry_names_every_model() -> None:
    assert set(MODELS) == EXPECTED
    for name, model in MODELS.items():
        assert model.name == name
        assert model.summary
        frame = model.run()
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0
        pd.testing.assert_frame_equal(frame, model.simulate(model.params(), seed=0))


def test_params_are_frozen() -> None:
    p = MODELS["flywheel"].params()
    with pytest.raises(AttributeError):
        p.alpha = 0.5


def test_run_prints_a_summary_and_writes_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run.csv"
    code = cli.main(
        ["run", "flywheel", "--set", "kappa=0.5", "--set", "horizon=10", "--csv", str(out)]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "users" in text and "quality" in text
    frame = pd.read_csv(out)
    expected = flywheel_sims.flywheel.simulate(flywheel_sims.flywheel.Params(kappa=0.5, horizon=10))
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "nope"], "unknown model 'nope'; valid models: learning_curve, flywheel"),
        (
            ["run", "flywheel", "--set", "bogus=1"],
            "unknown parameter 'bogus' for model flywheel; valid: market",
        ),
        (["run", "flywheel", "--set", "alpha=9"], "alpha must be in (0, 2], got 9.0"),
        (["run", "flywheel", "--set", "alpha=abc"], "alpha must be a number"),
        (["run", "competition", "--set", "head_start=1.5"], "head_start must be an integer"),
        (
            ["run", "popularity", "--set", "policy=best"],
            "policy must be one of popularity, explore, random",
        ),
        (["run", "flywheel", "--set", "feedback=maybe"], "feedback must be true or false"),
        (["run", "flywheel", "--set", "noequals"], "--set expects name=value"),
        (["run", "flywheel", "--preset", "nope"], "valid presets: search"),
        (["run"], "required"),
    ],
)
def test_bad_input_is_one_line_with_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert message in err


def test_presets_and_parameters_combine(capsys: pytest.CaptureFixture[str]) -> None:
    params = cli.build_params("privacy", ["horizon=5"], preset="voice")
    assert params.alpha == 0.299 and params.kappa == 0.875 and params.horizon == 5


def test_module_entry_point_exit_status(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "flywheel_sims", "run", "competition", "--set", "periods=5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "share_incumbent" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "flywheel_sims", "run", "nope"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "error: unknown model 'nope'; valid models: "
        "learning_curve, flywheel, competition, popularity, privacy"
    ]
