import os
import subprocess
import sys
from pathlib import Path

import pytest

from ictmis.env import load_env_file, parse_env_file

BIN = Path(sys.executable).parent


def _fresh_environment(**extra: str) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8", **extra}


def _write_env_file(path: Path, data_dir: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# written by make demo\n"
        "ICTMIS_SECRET_KEY=env-file-secret-key-0123456789abcdefghijklmnopqrstuvwxyz\n"
        f'export ICTMIS_DATA_DIR="{data_dir}"\n'
        "ICTMIS_DEMO=1\nICTMIS_HTTPS=0\nICTMIS_REQUIRE_2FA=0\n"
    )
    path.chmod(0o600)


def test_a_fresh_shell_runs_ictmis_check_with_the_file_named_by_ictmis_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / "elsewhere" / "settings.env"
    _write_env_file(env_file, tmp_path / "data")

    done = subprocess.run(
        [str(BIN / "ictmis"), "check"],
        env=_fresh_environment(ICTMIS_ENV_FILE=str(env_file)),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_a_fresh_shell_in_the_project_folder_reads_var_ictmis_env(tmp_path: Path) -> None:
    _write_env_file(tmp_path / "var" / "ictmis.env", tmp_path / "var")

    done = subprocess.run(
        [str(BIN / "ictmis"), "check"], env=_fresh_environment(), cwd=tmp_path, capture_output=True, text=True
    )

    assert done.returncode == 0, done.stderr


def test_the_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / "ictmis.env"
    env_file.write_text("ICTMIS_ORGANISATION_NAME=Từ tệp\nICTMIS_PLACE='Đồng Hới'\n")
    monkeypatch.setenv("ICTMIS_ORGANISATION_NAME", "Từ môi trường")
    monkeypatch.delenv("ICTMIS_PLACE", raising=False)

    load_env_file(env_file)

    assert os.environ["ICTMIS_ORGANISATION_NAME"] == "Từ môi trường"
    assert os.environ["ICTMIS_PLACE"] == "Đồng Hới"


def test_comments_blank_lines_and_quotes_are_understood() -> None:
    assert parse_env_file('# note\n\nexport A="x y"\nB=a=b\n  C = z \nnot a setting\n') == {
        "A": "x y",
        "B": "a=b",
        "C": "z",
    }
