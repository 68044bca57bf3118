"""pyproject.toml, environment.yml and requirements.lock agree."""

import re
import tomllib

import yaml

from conftest import REPO


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    pp = tomllib.loads((REPO / "pyproject.toml").read_text())
    want = {_name(d) for d in pp["project"]["dependencies"] + pp["project"]["optional-dependencies"]["dev"]}
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    have = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert have == want


def test_every_dependency_is_pinned_in_the_lock():
    pp = tomllib.loads((REPO / "pyproject.toml").read_text())
    lock = {_name(line) for line in (REPO / "requirements.lock").read_text().splitlines()
            if "==" in line}
    deps = pp["project"]["dependencies"] + pp["project"]["optional-dependencies"]["dev"]
    assert {_name(d) for d in deps} <= lock
